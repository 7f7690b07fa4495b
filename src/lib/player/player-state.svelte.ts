// The state of the open player that the rest of the call page reads (current time, playing) and the commands
// it sends (seek). The Waveform component owns wavesurfer and keeps this in step; nothing here touches it.
export class PlayerState {
	currentTime = $state(0);
	duration = $state(0);
	isPlaying = $state(false);
	isReady = $state(false);
	rate = $state(1);
	/** px per second; 0 = fit the whole recording */
	zoom = $state(0);
	/** A seek request; a new object each time so the same time can be asked twice. */
	request = $state.raw<{ at: number; play?: boolean } | null>(null);
	/** Play/pause request counter (toggled by the controls and the keyboard). */
	toggleCount = $state(0);

	seek(at: number, play = false): void {
		this.request = { at: Math.max(0, this.duration ? Math.min(at, this.duration) : at), play };
	}

	skip(by: number): void {
		this.seek(this.currentTime + by);
	}

	toggle(): void {
		this.toggleCount++;
	}
}

export const RATES = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
export const ZOOMS = [0, 10, 25, 50, 100, 200] as const;
