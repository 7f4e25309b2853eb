import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import type { EChartsCoreOption, EChartsType } from './echarts';

/** Loads the trimmed ECharts build once, on first use. */
let loader: Promise<typeof import('./echarts')> | null = null;
function loadECharts() {
  loader ??= import('./echarts');
  return loader;
}

/** What a click on a bar or point tells: the category's index and the series' index. */
export interface ChartClick {
  dataIndex: number;
  seriesIndex: number;
}

/**
 * Draws an ECharts option into a div that follows its container's width. ECharts itself is fetched the
 * first time a chart is shown; if that fails the caller's table fallback is still there to read. `onClick`
 * makes bars and points drill down to the list behind them.
 */
export function EChart({
  option,
  height = 300,
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
  const { t } = useI18n();
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
        setFailed(false);
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
    // The chart may still be loading: apply the option once it exists.
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
