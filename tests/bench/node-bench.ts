/**
 * Node-side benches for `npm run bench`: each prints one JSON line per figure, beside a baseline measured here.
 */
export {};

function row(section: string, figure: string, value: string, baselineName: string, baseline: string, goal = ''): void {
  console.log(JSON.stringify({ section, figure, value, baselineName, baseline, goal }));
}

void row;
