// The campaigns list: /api/campaigns, newest first.
"use strict";
(async () => {
  const body = document.querySelector("#campaigns tbody");
  const count = document.getElementById("count");
  try {
    const campaigns = await wr.api("/api/campaigns");
    count.textContent = `${campaigns.length} campaign(s)`;
    wr.clear(body, ...campaigns.map(c => wr.el("tr", { "data-id": c.id },
      wr.el("td", {}, wr.el("a", { href: `/campaigns/${c.id}`, text: c.name })),
      // The whole id: Marten's sequential ids share their first characters, so a prefix tells campaigns apart badly.
      wr.el("td", {}, wr.el("code", { text: c.id })),
      wr.el("td", {}, wr.el("span", { class: `badge ${c.status}`, text: c.status })),
      wr.el("td", {}, wr.el("span", { class: "mini bar" }, wr.el("div", { style: `width:${(100 * c.progress).toFixed(1)}%` })),
        `${c.roundsDone}/${c.roundsTotal}`),
      wr.el("td", { text: wr.utc(c.startedAt) }),
      wr.el("td", { text: wr.utc(c.finishedAt) }),
      wr.el("td", { title: c.chosen, text: c.chosenWidth ? `${c.chosen} (width ${c.chosenWidth})` : c.chosen }),
      wr.el("td", { text: `${c.dataset} · ${c.tasks} ${c.scenario}` }),
      wr.el("td", { class: "num", text: wr.money(c.totalCost, c.currency) }))));
  } catch (e) {
    count.textContent = `error: ${e.message}`;
    count.className = "fail";
  }
})();
