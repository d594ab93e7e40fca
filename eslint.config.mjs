// The banner's readable sources (make assets minifies them): ESLint's recommended rules for
// the script, and for the stylesheet, checked by `make test` through pre-commit.
import css from "@eslint/css";
import js from "@eslint/js";
import globals from "globals";

const STATIC = "wagtail_charte/static/wagtail_charte";
// banner.js runs in the scope of consent.js (make assets wraps both in one function).
const CONSENT_FUNCTIONS = ["parse", "serialise", "isCurrent", "current", "allows", "matches"]
  .concat(["cookies", "newId", "parentDomains"]);

export default [
  {
    files: [`${STATIC}/consent.js`, `${STATIC}/banner.js`],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2021,
      // CommonJS: consent.js is a module for node's tests, banner.js returns at top level.
      sourceType: "commonjs",
      globals: { ...globals.browser, ...globals.commonjs },
    },
  },
  {
    files: [`${STATIC}/banner.js`],
    languageOptions: {
      globals: Object.fromEntries(CONSENT_FUNCTIONS.map((name) => [name, "readonly"])),
    },
  },
  {
    files: [`${STATIC}/banner.css`],
    language: "css/css",
    ...css.configs.recommended,
    rules: {
      ...css.configs.recommended.rules,
      // Its one !important is on purpose: banner.js lifts the dialog's size cap inline.
      "css/no-important": "off",
      // accent-color only tints the radios: a browser without it shows them plain.
      "css/use-baseline": ["error", { allowProperties: ["accent-color"] }],
    },
  },
];
