// Copy buttons: <button data-copy-target="ID"> copies the text of the element with that id.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy-target]");
  if (!button) return;
  const target = document.getElementById(button.dataset.copyTarget);
  if (!target) return;
  const text = target.textContent.trim();
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const range = document.createRange();
    range.selectNodeContents(target);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    document.execCommand("copy");
  }
  // the label before the first click, kept so that a second click within the two seconds restores it too
  if (!button.dataset.label) button.dataset.label = button.textContent;
  button.setAttribute("aria-live", "polite");
  button.textContent = button.dataset.copiedLabel || "Copied";
  clearTimeout(button.copiedTimer);
  button.copiedTimer = setTimeout(() => { button.textContent = button.dataset.label; }, 2000);
});
