// Killing the browser as a crash or a power cut would: SIGKILL to Chromium's main process of one profile (found by
// its --user-data-dir), no unload, no close. Only the browser this test launched is touched.
import { execFileSync } from 'node:child_process';
import { openSession, type Session } from './browser';

/** PID of the Chromium browser process (not a renderer or helper) using `userDataDir`. */
function browserPid(userDataDir: string): number {
	const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
	for (const line of ps.split('\n')) {
		const m = /^\s*(\d+)\s+(.*)$/.exec(line);
		if (m && m[2].includes(`--user-data-dir=${userDataDir}`) && !m[2].includes('--type=')) return Number(m[1]);
	}
	throw new Error(`no Chromium process for ${userDataDir}`);
}

/** Kills the session's browser at once and opens a new one on the same profile (the workspace as the kill left it). */
export async function killAndReopen(session: Session): Promise<Session> {
	const pid = browserPid(session.userDataDir);
	const closed = new Promise<void>((resolve) => session.context.once('close', () => resolve()));
	process.kill(pid, 'SIGKILL');
	await closed;
	return openSession(session.userDataDir);
}
