/** The port of the e2e specs' `vite preview` (OPFS belongs to the origin, so the sample fixture is kept per port). */
export const E2E_PORT = Number(process.env.CALLQA_E2E_PORT ?? 4319);
