// A call's channel as the calls list shows it: the known channels in the interface language, others as exported.
import { t, type MessageKey } from '../i18n/i18n.svelte';

export function channelName(c: string | null): string {
	if (!c) return '—';
	return ['phone', 'chat', 'email'].includes(c) ? t(`calls.channel.${c}` as MessageKey) : c;
}
