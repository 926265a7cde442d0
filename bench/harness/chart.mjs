// SVG charts of one scenario: each chart puts figures of one unit on a shared
// scale (bars at the median, a whisker from min to max over the repeated runs),
// e.g. the throughput of our engine next to its peers measured in the same run.
const escape = (text) =>
  String(text).replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
  );

const LABEL_WIDTH = 250;
const BAR_WIDTH = 380;
const ROW = 26;

function chartBlock(chart, metrics, top) {
  const rows = chart.metrics.filter((name) => metrics[name]).map((name) => [name, metrics[name]]);
  const max = Math.max(...rows.map(([, s]) => s.max), 0);
  const scale = max > 0 ? BAR_WIDTH / max : 0;
  const parts = [
    `<text x="8" y="${top + 16}" font-weight="bold">${escape(chart.title)} (${escape(chart.unit)})</text>`,
  ];
  rows.forEach(([name, s], i) => {
    const y = top + 26 + i * ROW;
    parts.push(
      `<text x="8" y="${y + 13}">${escape(name)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 2}" width="${Math.max(1, s.median * scale)}" height="14" fill="#4e79a7"/>`,
      `<line x1="${LABEL_WIDTH + s.min * scale}" x2="${LABEL_WIDTH + s.max * scale}" y1="${y + 9}" y2="${y + 9}" stroke="#222" stroke-width="2"/>`,
      `<text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${y + 13}">${escape(s.median.toPrecision(3))}</text>`,
    );
  });
  return { svg: parts.join('\n'), height: 34 + rows.length * ROW };
}

export function renderChart(result, charts) {
  const specs = charts?.length
    ? charts
    : Object.keys(result.metrics).map((name) => ({ title: name, unit: '', metrics: [name] }));
  let top = 30;
  const blocks = [];
  for (const spec of specs) {
    const block = chartBlock(spec, result.metrics, top);
    blocks.push(block.svg);
    top += block.height + 10;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL_WIDTH + BAR_WIDTH + 90}" height="${top}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="20" font-size="14" font-weight="bold">${escape(result.title)}</text>`,
    ...blocks,
    '</svg>',
    '',
  ].join('\n');
}
