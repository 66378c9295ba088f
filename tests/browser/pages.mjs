// The pages every check runs on. `noindex`: kept out of search engines on purpose (a page
// with reader parameters, an error page), so Lighthouse's "is-crawlable" does not apply.
// ONLY=name,name runs a subset (for local runs).
export const PAIR = '/compare/gpt-5-vs-claude-sonnet-4-5';
const ALL = [
  { name: 'home', path: '/' },
  { name: 'compare', path: PAIR, comparison: true },
  { name: 'workload', path: `${PAIR}?input=100000&output=2000&requests=1000000`, comparison: true, noindex: true },
  { name: 'model', path: '/models/gpt-5' },
  { name: 'models', path: '/models' },
  { name: 'picker', path: '/compare' },
  { name: 'methodology', path: '/methodology' },
  { name: 'api', path: '/api' },
  { name: 'not-found', path: '/no-such-page', status: 404, noindex: true },
];

export const PAGES = process.env.ONLY ? ALL.filter((p) => process.env.ONLY.split(',').includes(p.name)) : ALL;
