// Debian's Chromium driven by playwright-core, one fresh profile per workspace so OPFS starts empty (or holds
// a copy of the sample workspace the global setup prepared); the profile survives close/relaunch to test
// persistence across a browser restart.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium } from './chromium';
import { copyableProfileEntry } from './sample-profile';

export interface Session {
	context: BrowserContext;
	page: Page;
	baseUrl: string;
	/** The Chromium profile (its OPFS holds the workspace). */
	userDataDir: string;
	/** Requests to any host but the app's own (DESIGN §8: must stay empty). */
	foreignRequests: string[];
	/**
	 * Uncaught page errors, Content-Security-Policy violations (the page's `securitypolicyviolation` events and
	 * Chromium's "Refused to …" console errors) and the warning that the workspace fell back to memory: never expected.
	 */
	pageErrors: string[];
	/** Close the browser, keeping the profile (a browser restart). */
	restart(): Promise<Session>;
	/** Close the browser and delete the profile. */
	dispose(): Promise<void>;
}

export async function openSession(profileDir?: string): Promise<Session> {
	const baseUrl = inject('baseUrl');
	const userDataDir = profileDir ?? mkdtempSync(path.join(tmpdir(), 'callqa-e2e-'));
	const context = await launchChromium(userDataDir);
	const host = new URL(baseUrl).host;
	const foreignRequests: string[] = [];
	const pageErrors: string[] = [];
	// Violations reach the page as events (blocked inline handlers, styles, connections); report them on the console.
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} ${e.sample}`.trim());
		});
	});
	context.on('request', (req) => {
		const url = new URL(req.url());
		if (/^https?:$/.test(url.protocol) && url.host !== host) foreignRequests.push(req.url());
	});
	const watch = (p: Page) => {
		p.on('pageerror', (e) => pageErrors.push(e.message));
		p.on('console', (m) => {
			if (m.type() === 'warning' && m.text().startsWith('OPFS unavailable')) pageErrors.push(m.text());
			if (m.type() === 'error' && /^CSP violation|Content Security Policy/.test(m.text())) pageErrors.push(m.text());
		});
	};
	context.on('page', watch);
	const page = context.pages()[0] ?? (await context.newPage());
	watch(page);
	return {
		context,
		page,
		baseUrl,
		userDataDir,
		foreignRequests,
		pageErrors,
		async restart() {
			await context.close();
			return openSession(userDataDir);
		},
		async dispose() {
			await context.close();
			rmSync(userDataDir, { recursive: true, force: true });
		}
	};
}

/**
 * A browser whose workspace already holds the sample contact centre, imported and scored (a copy of the profile
 * tests/sample-profile.ts prepared once through the UI), so a spec about another screen does not import it again.
 */
export async function openSampleSession(): Promise<Session> {
	const userDataDir = mkdtempSync(path.join(tmpdir(), 'callqa-e2e-'));
	cpSync(inject('sampleProfile'), userDataDir, { recursive: true, filter: copyableProfileEntry });
	return openSession(userDataDir);
}
