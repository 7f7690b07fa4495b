import { describe, expect, it } from 'vitest';
import { hasMaskableNumber, maskNumbers } from './mask';

describe('maskNumbers', () => {
	it.each([
		['手机号 13812345678 对吗', '手机号 138****5678 对吗'],
		['号码是138 1234 5678', '号码是138 **** 5678'],
		['号码是138-1234-5678。', '号码是138-****-5678。'],
		['身份证 11010519491231002X', '身份证 110***********002X'],
		['身份证 110105194912310021', '身份证 110***********0021'],
		['卡号6222021234567890123', '卡号622************0123'],
		['bank card 6222 0212 3456 7890', 'bank card 622* **** **** 7890'],
		['座机 010-12345678', '座机 010-******78'],
		['mobile 13812345678.', 'mobile 138****5678.']
	])('masks %s', (input, want) => {
		expect(maskNumbers(input)).toBe(want);
		expect(maskNumbers(input)).toHaveLength(input.length);
	});

	it.each([
		'订单金额 1280 元，明天 14:30 回电',
		'工单号 A20241120083000123 已登记',
		'日期 2024-11-20',
		'请拨打 95588 或 400-820-8820',
		'一共 3 笔'
	])('leaves %s alone', (text) => {
		expect(maskNumbers(text)).toBe(text);
		expect(hasMaskableNumber(text)).toBe(false);
	});
});
