import { Input, Tree, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import type { UnitView } from '../../api/types';
import { EmptyState } from '../../components/Feedback';
import {
  ancestorsOf,
  buildNodes,
  searchUnits,
  type UnitIndex,
  type UnitNode,
} from '../../components/unitTree';
import { useI18n } from '../../i18n';

/** Wraps each occurrence of the search text in a highlight. */
function highlight(text: string, needle: string): ReactNode {
  const q = needle.trim().toLowerCase();
  if (!q) return text;
  const at = text.toLowerCase().indexOf(q);
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark className="wx-mark">{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length)}
    </>
  );
}

interface TreeItem {
  key: string;
  title: ReactNode;
  isLeaf: boolean;
  children?: TreeItem[];
}

/** The searchable organisation tree; selecting a node calls onSelect with the unit. */
export function UnitTreePanel({
  index,
  selectedId,
  onSelect,
  height,
}: {
  index: UnitIndex;
  selectedId: string | undefined;
  onSelect: (unit: UnitView) => void;
  height: number;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [expanded, setExpanded] = useState<string[]>(() => index.roots.map((u) => u.id));
  const search = useMemo(() => searchUnits(index, text), [index, text]);

  // Keep the selected unit visible: expand its ancestors when it changes (e.g. from a link).
  useEffect(() => {
    if (!selectedId) return;
    const ids = ancestorsOf(index, selectedId).map((u) => u.id);
    if (ids.length > 0) setExpanded((prev) => [...new Set([...prev, ...ids])]);
  }, [index, selectedId]);

  useEffect(() => {
    if (search) setExpanded((prev) => [...new Set([...prev, ...search.expanded])]);
  }, [search]);

  const treeData = useMemo(() => {
    const nodes = buildNodes(index, { keep: search ? (u) => search.visible.has(u.id) : undefined });
    const convert = (list: UnitNode[]): TreeItem[] =>
      list.map((node) => ({
        key: node.key,
        isLeaf: node.isLeaf,
        title: (
          <span>
            {search?.matches.has(node.key) ? highlight(node.unit.name, text) : node.unit.name}
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
              {search?.matches.has(node.key) ? highlight(node.unit.code, text) : node.unit.code}
            </Typography.Text>
          </span>
        ),
        children: node.children ? convert(node.children) : undefined,
      }));
    return convert(nodes);
  }, [index, search, text]);

  return (
    <div className="wx-tree-panel">
      <Input.Search
        allowClear
        placeholder={t('units.searchPlaceholder')}
        aria-label={t('units.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      {search && search.matches.size > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 12 }}>
          {t('units.searchCount', { count: search.matches.size })}
        </Typography.Text>
      )}
      {treeData.length === 0 ? (
        <EmptyState description={search ? t('units.searchEmpty') : t('units.empty')} />
      ) : (
        <Tree
          blockNode
          showLine={{ showLeafIcon: false }}
          treeData={treeData}
          height={height}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys.map(String))}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => {
            const id = keys[0];
            const unit = id === undefined ? undefined : index.byId.get(String(id));
            if (unit) onSelect(unit);
          }}
        />
      )}
    </div>
  );
}
