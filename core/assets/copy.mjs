// Copies the parts of GOV.UK Frontend that Scrutiny serves (fonts, images, the script bundle)
// from node_modules into build/static, which Django's staticfiles collects. Nothing here is committed.
import { cpSync, mkdirSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk";
const target = "build/static/govuk";
mkdirSync(target, { recursive: true });
cpSync(`${source}/assets`, `${target}/assets`, { recursive: true });
cpSync(`${source}/govuk-frontend.min.js`, `${target}/govuk-frontend.min.js`);
