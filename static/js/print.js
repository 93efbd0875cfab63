// Progressive enhancement: the Print button on the printable toolkit.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
