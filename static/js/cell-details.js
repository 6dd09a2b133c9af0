// A matrix cell's commentary and texts are fetched when its "Details" is first opened, so the matrix itself
// carries only statuses and article references. Without JavaScript the link inside leads to the cell's page.
document.addEventListener("toggle", async (event) => {
  const details = event.target;
  if (!(details instanceof HTMLDetailsElement) || !details.open || !details.dataset.fragment) return;
  const fragment = details.querySelector(".cell-fragment");
  if (!fragment || fragment.dataset.loaded) return;
  fragment.dataset.loaded = "1";
  try {
    const response = await fetch(details.dataset.fragment, { headers: { Accept: "text/html" } });
    if (response.ok) fragment.innerHTML = await response.text();  // our own escaped template, same origin
  } catch {
    // The link to the cell's page stays.
  }
}, true);
