import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption, EChartsType } from '../../components/charts/echarts';
import { useCourtyardI18n } from './i18n';

/** What a click on a bar tells: the category's index and the series' index. */
export interface ChartClick {
  dataIndex: number;
  seriesIndex: number;
}

let loader: Promise<typeof import('../../components/charts/echarts')> | null = null;
function loadECharts() {
  loader ??= import('../../components/charts/echarts');
  return loader;
}

/**
 * The app's ECharts build (loaded on first use, only on this page) drawn into a div that follows its width, with a
 * click handler on the bars — the drill-down the shared EChart does not offer. A failure leaves the table.
 */
export function ClickableChart({
  option,
  height = 320,
  ariaLabel,
  onClick,
  testId,
}: {
  option: EChartsCoreOption;
  height?: number;
  ariaLabel: string;
  onClick?: (click: ChartClick) => void;
  testId?: string;
}) {
  const { t } = useCourtyardI18n();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clicked = useRef(onClick);
  clicked.current = onClick;
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    loadECharts()
      .then(({ init }) => {
        if (disposed || !ref.current) return;
        const instance = init(ref.current, undefined, { renderer: 'canvas' });
        chart.current = instance;
        instance.on('click', (params) => {
          const p = params as { dataIndex?: number; seriesIndex?: number };
          if (typeof p.dataIndex === 'number')
            clicked.current?.({ dataIndex: p.dataIndex, seriesIndex: p.seriesIndex ?? 0 });
        });
        observer = new ResizeObserver(() => chart.current?.resize());
        observer.observe(ref.current);
      })
      .catch(() => setFailed(true));
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    let cancelled = false;
    loadECharts()
      .then(() => {
        if (!cancelled) chart.current?.setOption(option, { notMerge: true });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [option]);

  if (failed) return <Alert type="warning" showIcon title={t('chart.loadFailed')} />;
  return (
    <div
      ref={ref}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }}
    />
  );
}
