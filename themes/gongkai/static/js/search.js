// The search page (templates/search.html): form, filters, results. The searching itself is
// in search-engine.js. The page's address always holds the query and the filters
// (?q=...&type=...&sort=desc), so a search can be bookmarked, shared and reloaded.

import {openIndex} from "./search-engine.js";

const PAGE_SIZE = 10;
const form = document.getElementById("search-form");

if (form) start().catch((error) => {
  console.error(error);
  status(text().failed);
});

function text() {
  return JSON.parse(document.getElementById("search-text").textContent);
}

function status(message) {
  document.getElementById("search-status").textContent = message;
}

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");

async function start() {
  const strings = text();
  document.getElementById("search-unavailable").hidden = true;
  form.hidden = false;
  const input = form.elements.q;
  const selects = [...form.querySelectorAll("select[data-filter]")];
  const sort = form.elements.sort;
  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") ?? "";
  sort.value = ["asc", "desc"].includes(params.get("sort")) ? params.get("sort") : "";

  status(strings.searching);
  const engine = await openIndex(JSON.parse(form.dataset.bundles),
    {chinese: form.dataset.chinese === "true"});
  for (const select of selects) {
    const values = Object.keys(engine.facets[select.dataset.filter] ?? {});
    const newestFirst = select.dataset.filter === "year";
    values.sort((a, b) => (newestFirst ? b.localeCompare(a) : a.localeCompare(b)));
    for (const value of values) select.add(new Option(value, value));
    select.value = values.includes(params.get(select.name)) ? params.get(select.name) : "";
    select.addEventListener("change", () => run(engine, strings));
  }
  sort.addEventListener("change", () => run(engine, strings));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(engine, strings);
  });
  await run(engine, strings, false);
}

let current = 0;

async function run(engine, strings, remember = true) {
  const ticket = ++current;
  const query = form.elements.q.value.trim();
  const filters = {};
  for (const select of form.querySelectorAll("select[data-filter]")) {
    if (select.value) filters[select.dataset.filter] = select.value;
  }
  if (remember) rememberInAddress(query, filters);
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    more.hidden = true;
    status(strings.prompt);
    return;
  }
  status(strings.searching);
  const results = await engine.search(query, {filters, sort: form.elements.sort.value});
  const first = await results.next(PAGE_SIZE);
  if (ticket !== current) return;  // a newer search has started meanwhile
  showCounts(results.facets, Object.keys(filters));
  if (query) {
    const many = results.total === 1 ? strings.count_one : strings.count;
    status(results.total ? fill(many, {count: results.total, query}) : fill(strings.none, {query}));
  } else {
    status(results.total ? fill(results.total === 1 ? strings.filtered_one : strings.filtered,
      {count: results.total}) : strings.none_filtered);
  }
  list.replaceChildren(...first.map((result) => item(result, strings)));
  let shown = first.length;
  more.hidden = shown >= results.total;
  more.onclick = async () => {
    const next = await results.next(PAGE_SIZE);
    if (ticket !== current) return;
    const items = next.map((result) => item(result, strings));
    list.append(...items);
    shown += next.length;
    more.hidden = shown >= results.total || !next.length;
    items[0]?.querySelector("a").focus();
  };
}

function rememberInAddress(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [key, value] of Object.entries(filters)) params.set(key, value);
  if (form.elements.sort.value) params.set("sort", form.elements.sort.value);
  const address = params.toString() ? `?${params}` : window.location.pathname;
  window.history.replaceState(null, "", address);
}

// How many results each filter value would give with the other choices kept.
function showCounts(facets, chosen) {
  for (const select of form.querySelectorAll("select[data-filter]")) {
    const counts = facets[select.dataset.filter] ?? {};
    for (const option of [...select.options].slice(1)) {
      const count = chosen.includes(select.dataset.filter) && select.value !== option.value
        ? null : counts[option.value] ?? 0;
      option.textContent = count === null ? option.value : `${option.value} (${count})`;
    }
  }
}

function item(result, strings) {
  const li = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = result.title;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "item-meta";
  const time = document.createElement("time");
  time.dateTime = result.date;
  time.textContent = result.date;
  const facts = [result.department, result.type].filter(Boolean).join(" · ");
  const indexNo = result.indexNo ? ` · ${strings.index_no} ${result.indexNo}` : "";
  meta.append(`${facts} · `, time, indexNo);
  const excerpt = document.createElement("p");
  excerpt.className = "excerpt";
  excerpt.innerHTML = result.excerpt;  // escaped by search-engine.js, <mark> added
  li.append(heading, meta, excerpt);
  return li;
}
