import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import type { BulletinSection, BulletinTable, BulletinView } from '../../api/types';
import type { BulletinTranslate } from './i18n';

/** The editable part of a bulletin: what `PUT /api/bulletins/:id` takes besides the version. */
export interface BulletinText {
  title: string;
  docNumber: string;
  sections: BulletinSection[];
}

/**
 * The tables to print after each section, by section index: each table names its section (督导 under 一、总体情况,
 * 排名 under 二, 街道 under 三, 预警 under 四); a table whose section was removed in editing goes after the last.
 */
export function tablesBySection(tables: readonly BulletinTable[], sectionCount: number): BulletinTable[][] {
  const placed: BulletinTable[][] = Array.from({ length: sectionCount }, () => []);
  for (const table of tables) placed[Math.min(table.section, sectionCount - 1)]?.push(table);
  return placed;
}

/** A section's text as paragraphs: blank lines separate them, single line breaks stay inside one. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
}

function cell(value: string | number | null): string {
  return value === null ? '—' : String(value);
}

/** One bulletin table, bordered like print, scrolling sideways on a phone. */
function DocTable({ table, t }: { table: BulletinTable; t: BulletinTranslate }) {
  return (
    <figure className="wx-bul-table" data-table={table.key}>
      <figcaption>{table.title}</figcaption>
      <div className="wx-bul-table-scroll">
        <table>
          <thead>
            <tr>
              {table.headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={Math.max(1, table.headers.length)} className="wx-bul-table-none">
                  {t('bulletin.table.empty')}
                </td>
              </tr>
            ) : (
              table.rows.map((row, r) => (
                // Rows have no id of their own; their order is the table's.
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are fixed for a rendered view
                <tr key={r}>
                  {row.map((value, c) => (
                    <td
                      // biome-ignore lint/suspicious/noArrayIndexKey: columns follow the headers
                      key={c}
                      className={
                        typeof value === 'number'
                          ? 'wx-bul-num'
                          : typeof value === 'string' && value.length > 16
                            ? 'wx-bul-long'
                            : undefined
                      }
                    >
                      {cell(value)}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/**
 * The bulletin as a page of an official notice: the issuer in red, 文号, the red rule, the title, the
 * sections with their tables, then the issuer and date. With `onChange` (a draft, district admin) the
 * title, 文号 and each section's heading and text are edited in place.
 */
export function BulletinDocument({
  view,
  text,
  onChange,
  t,
}: {
  view: BulletinView;
  text: BulletinText;
  onChange?: (next: BulletinText) => void;
  t: BulletinTranslate;
}) {
  const editing = Boolean(onChange);
  const placed = tablesBySection(view.tables, text.sections.length);
  const setSection = (index: number, patch: Partial<BulletinSection>) =>
    onChange?.({
      ...text,
      sections: text.sections.map((s, i) => (i === index ? { ...s, ...patch } : s)),
    });
  const removeSection = (index: number) =>
    onChange?.({ ...text, sections: text.sections.filter((_, i) => i !== index) });
  const addSection = () =>
    onChange?.({
      ...text,
      sections: [...text.sections, { heading: t('bulletin.edit.newHeading'), text: '' }],
    });

  let title: ReactNode = <h1 className="wx-bul-title">{text.title}</h1>;
  let docNumber: ReactNode = text.docNumber ? <div className="wx-bul-docno">{text.docNumber}</div> : null;
  if (editing) {
    docNumber = (
      <Input
        className="wx-bul-edit wx-bul-docno"
        value={text.docNumber}
        maxLength={50}
        placeholder={t('bulletin.edit.docNumberPlaceholder')}
        aria-label={t('bulletin.edit.docNumber')}
        onChange={(e) => onChange?.({ ...text, docNumber: e.target.value })}
      />
    );
    title = (
      <Input.TextArea
        className="wx-bul-edit wx-bul-title"
        value={text.title}
        maxLength={100}
        autoSize
        aria-label={t('bulletin.edit.title')}
        onChange={(e) => onChange?.({ ...text, title: e.target.value })}
      />
    );
  }

  return (
    <article className={`wx-bul-paper${editing ? ' wx-bul-editing' : ''}`} data-testid="bulletin-document">
      <header>
        <div className="wx-bul-masthead">{view.issuer}</div>
        {docNumber}
        <div className="wx-bul-rule" aria-hidden="true">
          <span>★</span>
        </div>
        {title}
      </header>
      {text.sections.map((section, index) => (
        // Sections have no id; their position is their identity while editing.
        // biome-ignore lint/suspicious/noArrayIndexKey: sections are addressed by position
        <section key={index} className="wx-bul-section" data-section={index}>
          {editing ? (
            <>
              <div className="wx-bul-section-head">
                <Input
                  className="wx-bul-edit wx-bul-heading"
                  value={section.heading}
                  maxLength={100}
                  aria-label={t('bulletin.edit.heading', { n: index + 1 })}
                  onChange={(e) => setSection(index, { heading: e.target.value })}
                />
                {text.sections.length > 1 && (
                  <Tooltip title={t('bulletin.edit.removeSection')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={t('bulletin.edit.removeSection')}
                      onClick={() => removeSection(index)}
                    />
                  </Tooltip>
                )}
              </div>
              <Input.TextArea
                className="wx-bul-edit wx-bul-text"
                value={section.text}
                maxLength={20000}
                autoSize={{ minRows: 3 }}
                placeholder={t('bulletin.edit.textPlaceholder')}
                aria-label={t('bulletin.edit.text', { n: index + 1 })}
                onChange={(e) => setSection(index, { text: e.target.value })}
              />
            </>
          ) : (
            <>
              {section.heading && <h2 className="wx-bul-heading">{section.heading}</h2>}
              {paragraphs(section.text).map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a rendered text
                <p key={i}>{p}</p>
              ))}
            </>
          )}
          {placed[index]?.map((table) => (
            <DocTable key={table.key} table={table} t={t} />
          ))}
        </section>
      ))}
      {editing && text.sections.length < 20 && (
        <Button type="dashed" block icon={<PlusOutlined />} onClick={addSection} className="wx-bul-add">
          {t('bulletin.edit.addSection')}
        </Button>
      )}
      <footer className="wx-bul-sign">
        <div>{view.issuer}</div>
        <div>{chineseDate(view.dateLine)}</div>
      </footer>
    </article>
  );
}

/** `2023-07-05` → `2023年7月5日`, as dates are written under an issuer. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}
