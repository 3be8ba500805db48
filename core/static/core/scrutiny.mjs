// Starts GOV.UK Frontend's components (service navigation menu, error summary focus, tabs, …).
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();
