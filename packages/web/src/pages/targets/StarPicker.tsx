import { Checkbox, Flex, Typography } from 'antd';
import type { StarView } from '../../api/types';
import { useI18n } from '../../i18n';

/**
 * Picks target stars. The required star (支部过硬星 by default) is always on and cannot be unticked,
 * since every unit is assessed on it.
 */
export function StarPicker({
  stars,
  requiredStar,
  value,
  onChange,
  disabled = false,
}: {
  stars: readonly StarView[];
  requiredStar: string | null;
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const chosen = new Set(value ?? []);
  if (requiredStar) chosen.add(requiredStar);
  return (
    <Checkbox.Group
      value={[...chosen]}
      onChange={(next) => {
        const set = new Set(next.map(String));
        if (requiredStar) set.add(requiredStar);
        onChange?.(stars.map((s) => s.code).filter((c) => set.has(c)));
      }}
      disabled={disabled}
      style={{ width: '100%' }}
    >
      <Flex vertical gap={10}>
        {stars.map((s) => (
          <Checkbox key={s.code} value={s.code} disabled={s.code === requiredStar || disabled}>
            <span>{s.name}</span>
            {s.code === requiredStar && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {t('targets.requiredStar')}
              </Typography.Text>
            )}
          </Checkbox>
        ))}
      </Flex>
    </Checkbox.Group>
  );
}
