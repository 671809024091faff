/**
 * chart.js, bundled with the console (no CDN, works offline). `chart.js/auto` registers every
 * controller, scale and plugin, the default colours included, as the UMD build did when the page
 * loaded it by a script tag. One chart per canvas key: a redraw destroys the chart it replaces.
 */
import { Chart, type ChartConfiguration, type ChartType } from 'chart.js/auto';

/** Only `destroy` is needed of a drawn chart, whatever its type. */
const charts = new Map<string, { destroy(): void }>();

export function drawChart<T extends ChartType>(key: string, canvas: HTMLCanvasElement, config: ChartConfiguration<T>): void {
  charts.get(key)?.destroy();
  charts.set(key, new Chart(canvas, config));
}

export function removeChart(key: string): void {
  charts.get(key)?.destroy();
  charts.delete(key);
}
