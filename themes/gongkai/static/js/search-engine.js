// Search over the portal's Pagefind bundles: one per department, merged in the browser.
// No interface here (search.js is the page); tests drive this module directly.
//
// Chinese is matched on character pairs (plugins/portal_search/grams.py): a page matches
// when it holds each run of Chinese characters of the query, pair after pair, whatever
// Pagefind's two word segmenters make of it (Pagefind #1237). Pagefind ignores a query
// word that is in no page of an index, so the pairs are also asked as an exact phrase per
// run, which an index without them answers with nothing. Ranking adds up Pagefind's score
// for the pairs (title first) and for its own word search of the query.

const FIRST = 0x3400;
const DIGITS = "abcdefghijklmnopqrstuvwxy";
const MARK = "\u01c2";  // ǂ starts every pair token: no word of ordinary text starts with it
const CJK_RUN = /[\u3400-\u9fff]+/gu;
const WORD = /[\p{L}\p{N}_]+/gu;
// Weights of the metadata matches: the title's pairs count far more than the text's.
const META_WEIGHTS = {title: 5, title_grams: 8, text_grams: 1};
const EXCERPT_CHARS = 90;

const code = (char) => {
  const offset = char.codePointAt(0) - FIRST;
  return [15625, 625, 25, 1].map((unit) => DIGITS[Math.floor(offset / unit) % 25]).join("");
};

const pairs = (codes) => codes.slice(1).map((second, i) => `${MARK}${codes[i]}${second}`);

/** Pair tokens for the Chinese of a query, and its other words (lower case). */
export function encodeQuery(query) {
  const grams = [];
  for (const [run] of query.matchAll(CJK_RUN)) {
    // As grams.query_tokens: one character is a prefix; up to four, every pair; longer
    // runs every other pair and the last (fewer terms to look up, every character kept).
    const codes = [...run].map(code);
    if (codes.length === 1) grams.push(`${MARK}${codes[0]}`);
    const step = codes.length > 4 ? 2 : 1;
    for (let i = 1; i < codes.length; i += step) grams.push(`${MARK}${codes[i - 1]}${codes[i]}`);
    if (step === 2 && codes.length % 2 === 1) grams.push(`${MARK}${codes.at(-2)}${codes.at(-1)}`);
  }
  const words = [...query.replace(CJK_RUN, " ").matchAll(WORD)].map(([w]) => w.toLowerCase());
  return {grams, words};
}

/** One strict term per run of Chinese: its pairs as an exact phrase, or a lone prefix. */
export function exactTerms(query) {
  return [...query.matchAll(CJK_RUN)].map(([run]) => {
    const codes = [...run].map(code);
    return codes.length === 1 ? `${MARK}${codes[0]}` : `"${pairs(codes).join(" ")}"`;
  });
}

/** The query as words for Pagefind's own word search: Chinese segmented here with ICU. */
function naturalTerm(query, chinese) {
  if (!chinese || typeof Intl.Segmenter === "undefined") return query;
  const segmenter = new Intl.Segmenter("zh", {granularity: "word"});
  return [...segmenter.segment(query)].filter((s) => s.isWordLike).map((s) => s.segment).join(" ");
}

const opened = new Map();

/**
 * Open the bundles ([{id, path}], paths site-absolute) and return {facets, search}.
 * Pagefind is one module per page, so each set of bundles is merged into it only once.
 */
export function openIndex(bundles, options = {}) {
  const key = JSON.stringify([bundles, options]);
  if (!opened.has(key)) opened.set(key, open(bundles, options));
  return opened.get(key);
}

async function open(bundles, {chinese = true} = {}) {
  const pagefind = await import(`${bundles[0].path}pagefind.js`);
  const ranking = {metaWeights: META_WEIGHTS};
  // Each bundle carries a filter naming it, so results can be asked of one bundle at a time.
  await pagefind.options({mergeFilter: {bundle: bundles[0].id}, ranking});
  await Promise.all(bundles.slice(1).map(
    (bundle) => pagefind.mergeIndex(bundle.path, {mergeFilter: {bundle: bundle.id}, ranking})));
  const facets = await pagefind.filters();
  delete facets.bundle;
  return {facets, search: (query, options = {}) => search(pagefind, query, chinese, options)};
}

/**
 * Results for `query` (may be empty when filters are chosen), narrowed by `filters`
 * ({key: value}), in order of relevance or, with `sort` "desc"/"asc", of date.
 * Returns {total, facets, next(count)}; next() resolves to the following results, loaded.
 */
async function search(pagefind, query, chinese, {filters = {}, sort = ""} = {}) {
  const {grams, words} = encodeQuery(query);
  const strict = chinese ? exactTerms(query) : [];
  if (strict.length && words.length) strict.push(words.join(" "));
  const ranking = strict.length ? [...grams, ...words].join(" ")
    : naturalTerm(query, chinese).trim() || null;
  if (ranking === null && !Object.keys(filters).length) {
    return {total: 0, facets: {}, next: async () => []};
  }
  const [found, ...checks] = await Promise.all(
    [ranking, ...strict].map((term) => pagefind.search(term, {filters})));
  let allowed = null;  // ids of the pages that hold every run of the query, when it has any
  for (const check of checks) {
    const ids = new Set(check.results.map((result) => result.id));
    allowed = allowed === null ? ids : new Set([...allowed].filter((id) => ids.has(id)));
  }
  const keep = (results) => (allowed ? results.filter((one) => allowed.has(one.id)) : results);
  let ordered = keep(found.results);
  const facets = counts(checks.length ? checks.map((check) => check.filters) : [found.filters]);
  const marks = [...(query.match(CJK_RUN) ?? []), ...words];
  const load = async (result) => present(await result.data(), marks);
  if (sort || ranking === null) {
    // Pagefind sorts each bundle on its own: the merged list is in no useful order, so
    // each bundle is asked for its own sorted results and the lists are merged by date.
    const direction = sort === "asc" ? "asc" : "desc";
    const lists = await Promise.all(Object.entries(facets.bundle ?? {})
      .filter(([, count]) => count > 0)
      .map(([bundle]) => pagefind.search(strict[0] ?? ranking,
        {filters: {...filters, bundle}, sort: {date: direction}}).then((one) => keep(one.results))),
    );
    delete facets.bundle;
    const total = lists.reduce((sum, list) => sum + list.length, 0);
    return {total, facets, next: mergeByDate(lists, direction, load)};
  }
  if (strict.length) {
    const natural = await pagefind.search(naturalTerm(query, chinese), {filters});
    const extra = new Map(natural.results.map((result) => [result.id, result.score]));
    const score = (result) => result.score + (extra.get(result.id) ?? 0);
    ordered = ordered.sort((a, b) => score(b) - score(a));
  }
  delete facets.bundle;
  let position = 0;
  return {
    total: ordered.length, facets,
    next: async (count) => Promise.all(ordered.slice(position, position += count).map(load)),
  };
}

/** Filter counts of several searches that must all match: the smallest of each. */
function counts(all) {
  const merged = structuredClone(all[0] ?? {});
  for (const other of all.slice(1)) {
    for (const [key, values] of Object.entries(merged)) {
      for (const value of Object.keys(values)) {
        values[value] = Math.min(values[value], other[key]?.[value] ?? 0);
      }
    }
  }
  return merged;
}

/** next(count) over several date-sorted lists; loads only the heads it compares. */
function mergeByDate(lists, direction, load) {
  const heads = lists.map((list) => ({list, position: 0, item: null}));
  const fill = async (head) => {
    if (head.item === null && head.position < head.list.length) {
      head.item = await load(head.list[head.position]);
    }
  };
  const before = (a, b) => (direction === "asc" ? a.date < b.date : a.date > b.date)
    || (a.date === b.date && a.url < b.url);
  return async (count) => {
    const out = [];
    while (out.length < count) {
      await Promise.all(heads.map(fill));
      const ready = heads.filter((head) => head.item !== null);
      if (!ready.length) break;
      const best = ready.reduce((a, b) => (before(b.item, a.item) ? b : a));
      out.push(best.item);
      best.item = null;
      best.position += 1;
    }
    return out;
  };
}

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What a result shows: title, address, metadata and an excerpt around the query. */
function present(data, marks) {
  // Pagefind ends every block with ". " where it has no full stop, which reads oddly in Chinese.
  const text = (data.content ?? "").replace(/\s+/g, " ")
    .replace(/([\u3400-\u9fff])\. /gu, "$1 ").trim();
  const lower = text.toLowerCase();
  const hits = marks.map((mark) => lower.indexOf(mark.toLowerCase())).filter((at) => at >= 0);
  const first = hits.length ? Math.min(...hits) : 0;
  const start = Math.max(0, first - EXCERPT_CHARS / 3);
  let excerpt = escapeHtml(text.slice(start, start + EXCERPT_CHARS));
  if (marks.length) {  // one pass, longest first, so marks never nest
    const alternatives = [...new Set(marks)].sort((a, b) => b.length - a.length)
      .map((mark) => escapeHtml(mark).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const pattern = new RegExp(alternatives.join("|"), "giu");
    excerpt = excerpt.replace(pattern, (hit) => `<mark>${hit}</mark>`);
  }
  const meta = data.meta ?? {};
  return {
    url: data.url, title: meta.title ?? data.url, date: meta.date ?? "",
    department: meta.department ?? "", type: meta.type ?? "", indexNo: meta.index_no ?? "",
    validity: meta.validity ?? "",
    excerpt: (start > 0 ? "…" : "") + excerpt + (start + EXCERPT_CHARS < text.length ? "…" : ""),
  };
}
