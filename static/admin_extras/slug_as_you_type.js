// Django's prepopulated slug listens for key presses only; a title pasted, dictated or
// typed through an input method sends "input" events alone. Pass them on as key presses.
document.addEventListener("input", (event) => {
  const field = event.target;
  if (field.matches && field.matches("input[id^='id_title']")) {
    field.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }
});
