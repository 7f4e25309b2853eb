/**
 * The ECharts build the app uses: only the radar, line and bar charts and the components they need. This
 * module is imported lazily by EChart, so ECharts loads only on pages that draw a chart.
 */
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type { EChartsCoreOption, EChartsType } from 'echarts/core';
export { init };
