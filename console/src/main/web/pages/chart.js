import { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const COLORS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#94a3b8'];
let current = null;

/** Spend per day, one stacked band per series; values are for drawing only (totals are exact text). */
export function stackedChart(canvas, labels, series) {
  current?.destroy();
  current = new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: COLORS[i % COLORS.length], borderWidth: 0 })),
    },
    options: {
      animation: false,
      normalized: true, // one value per day label, in order: Chart.js may skip its own checks
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: 'USD' } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
  return current;
}
