import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { excelSerial, sheetName, writeXlsx } from './write-table';
import { MASKED, PRIVACY_META } from '../privacy/export-privacy';

describe('writeXlsx', () => {
	it('masks customer numbers in every text cell unless the user chose otherwise, and says which in the workbook', async () => {
		const table = {
			name: '复核',
			columns: [
				{ header: '备注', format: 'text' as const },
				{ header: '坐席', format: 'text' as const }
			],
			rows: [['客户手机 13812345678，身份证 110101199003071234', '张三']]
		};
		const read = async (isUnmasked: boolean) => XLSX.read(await writeXlsx([table], { isUnmasked }), { type: 'array' });
		const masked = await read(false);
		const cell = String(masked.Sheets['复核']['A2'].v);
		expect(cell).not.toContain('13812345678');
		expect(cell).not.toContain('110101199003071234');
		expect(cell).toContain('138****5678');
		expect((masked.Custprops as Record<string, string> | undefined)?.[PRIVACY_META]).toBe('masked');
		const unmasked = await read(true);
		expect(String(unmasked.Sheets['复核']['A2'].v)).toContain('13812345678');
		expect((unmasked.Custprops as Record<string, string> | undefined)?.[PRIVACY_META]).toBe('unmasked');
		expect(unmasked.Props?.Comments).toContain('unmasked');
	});

	it('writes typed cells with number formats, a frozen header row and a header note', async () => {
		const bytes = await writeXlsx(
			[
				{
					name: '汇总',
					columns: [
						{ header: '坐席', format: 'text' },
						{ header: '满意率', format: 'pct' },
						{ header: '质检分', format: 'score' },
						{ header: '日期', format: 'date' },
						{ header: '申诉', format: 'text', note: '申诉功能尚未提供' }
					],
					rows: [
						['张三', 0.8567, 91.25, '2026-11-03', '—'],
						['=cmd|x', null, 70, null, '—']
					]
				}
			],
			MASKED
		);
		const wb = XLSX.read(bytes, { type: 'array', cellNF: true });
		const ws = wb.Sheets['汇总'];
		expect(ws['A1'].v).toBe('坐席');
		expect(ws['B2']).toMatchObject({ t: 'n', v: 0.8567, z: '0.0%', w: '85.7%' });
		expect(ws['C2']).toMatchObject({ t: 'n', v: 91.25, z: '0.0', w: '91.3' });
		expect(ws['D2']).toMatchObject({ t: 'n', v: excelSerial('2026-11-03'), w: '2026-11-03' });
		// text that looks like a formula stays text
		expect(ws['A3']).toMatchObject({ t: 's', v: '=cmd|x' });
		expect(ws['A3'].f).toBeUndefined();
		expect(ws['B3']).toBeUndefined();
		expect(ws['E1'].c?.[0]?.t).toBe('申诉功能尚未提供');
		const zip = XLSX.CFB.read(bytes, { type: 'array' });
		const paths = zip.FullPaths as string[];
		// the library's in-memory marker entry never lands in the package
		expect(new TextDecoder('latin1').decode(bytes).includes('Sh33tJ5')).toBe(false);
		const sheetXml = new TextDecoder().decode(zip.FileIndex[paths.findIndex((p) => p.endsWith('xl/worksheets/sheet1.xml'))].content);
		expect(sheetXml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
	});

	it.each([
		['一组', '一组'],
		['a/b:c?', 'a b c'],
		['x'.repeat(40), 'x'.repeat(31)]
	])('sheet name %s → %s', (name, want) => {
		expect(sheetName(name, new Set())).toBe(want);
	});

	it('keeps sheet names unique', () => {
		const taken = new Set<string>();
		expect([sheetName('Team', taken), sheetName('team', taken)]).toEqual(['Team', 'team~2']);
	});
});
