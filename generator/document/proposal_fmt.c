/*
 * proposal_fmt.c - money, shares and dates as a document in Chinese or
 * English writes them, and the labels of generated tables.
 */
#include <assert.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cost/money.h"
#include "document/proposal.h"
#include "model/customer.h"

bool sg_proposal_lang_zh(const char *lang)
{
	return !lang || strncmp(lang, "zh", 2) == 0;
}

/* The minus sign, U+2212: a hyphen is shorter than the digits' width and
 * not at their height. */
#define S_MINUS "\xE2\x88\x92"

static uint64_t S_mag(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

void sg_fmt_number(sg_buf *out, sg_fen fen)
{
	/* Whole yuan are the rule in quotes; fen appear only when there are any,
	 * so a figure the customer adds up by hand still matches to the fen. */
	if (fen < 0)
		sg_buf_puts(out, S_MINUS);
	sg_money_group(out, (sg_fen)S_mag(fen), false);
}

void sg_fmt_count(sg_buf *out, int64_t n)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%" PRIu64, S_mag(n));
	if (n < 0)
		sg_buf_puts(out, S_MINUS);
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			sg_buf_putc(out, ',');
		sg_buf_putc(out, digits[i]);
	}
}

void sg_fmt_money(sg_buf *out, sg_fen fen, const char *lang)
{
	if (fen < 0)
		sg_buf_puts(out, S_MINUS);
	sg_buf_puts(out, sg_proposal_lang_zh(lang) ? "¥" : "CNY ");
	sg_money_group(out, (sg_fen)S_mag(fen), false);
}

/* units / 10^scale with trailing zeros (and a bare point) dropped. */
static void S_decimal(sg_buf *out, uint64_t units, int scale)
{
	uint64_t div = 1;
	for (int i = 0; i < scale; i++)
		div *= 10;
	sg_buf_printf(out, "%" PRIu64, units / div);
	uint64_t frac = units % div;
	if (!frac)
		return;
	char f[16];
	snprintf(f, sizeof f, "%0*" PRIu64, scale, frac);
	size_t k = strlen(f);
	while (k > 0 && f[k - 1] == '0')
		k--;
	sg_buf_printf(out, ".%.*s", (int)k, f);
}

void sg_fmt_wan(sg_buf *out, sg_fen fen)
{
	/* 1万 = 1,000,000 fen; two decimals of 万 are 100 yuan (10,000 fen). */
	uint64_t mag = S_mag(fen);
	uint64_t hundreds = (mag + 5000) / 10000;
	if (fen < 0 && hundreds)
		sg_buf_puts(out, S_MINUS);
	S_decimal(out, hundreds, 2);
	sg_buf_puts(out, "万元");
}

void sg_fmt_capitals(sg_buf *out, sg_fen fen)
{
	sg_buf_puts(out, "人民币");
	sg_money_capitals(out, fen);
}

static const char *const S_months[12] = {"January", "February", "March",     "April",
					 "May",     "June",     "July",      "August",
					 "September", "October", "November", "December"};

void sg_fmt_date(sg_buf *out, sg_date d, const char *lang)
{
	if (!sg_date_is_set(d))
		return;
	if (sg_proposal_lang_zh(lang))
		sg_buf_printf(out, "%d年%d月%d日", d.year, d.month, d.day);
	else
		sg_buf_printf(out, "%d %s %d", d.day, S_months[d.month - 1], d.year);
}

void sg_fmt_percent(sg_buf *out, sg_ppm share)
{
	/* A percentage with at most one decimal, rounded half-up. */
	uint64_t tenths = (S_mag(share) + 500) / 1000;
	if (share < 0 && tenths)
		sg_buf_puts(out, S_MINUS);
	S_decimal(out, tenths, 1);
	sg_buf_putc(out, '%');
}

/* A discount is shown with at most two decimals, rounded half up, as a
 * quotation states it: a price-line share of 0.785714 is 7.86折 and 21.43%
 * off, never 7.85714折 (the figures computed with it stay exact). Each form
 * is rounded once, from the exact share. */
static sg_ppm S_clamp(sg_ppm paid)
{
	return paid < 0 ? 0 : paid > SG_PPM_ONE ? SG_PPM_ONE : paid;
}

void sg_fmt_percent_off(sg_buf *out, sg_ppm paid)
{
	/* Hundredths of a percent are hundreds of millionths. */
	S_decimal(out, ((uint64_t)(SG_PPM_ONE - S_clamp(paid)) + 50) / 100, 2);
	sg_buf_putc(out, '%');
}

void sg_fmt_zhe(sg_buf *out, sg_ppm paid)
{
	/* 折 counts tenths of the list price (0.85 is 8.5折), so hundredths of
	 * a 折 are thousands of millionths. */
	S_decimal(out, ((uint64_t)S_clamp(paid) + 500) / 1000, 2);
	sg_buf_puts(out, "折");
}

void sg_fmt_years_word(sg_buf *out, int n, const char *lang)
{
	static const char *const digit[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
	if (!sg_proposal_lang_zh(lang) || n < 1 || n > 99) {
		sg_buf_printf(out, sg_proposal_lang_zh(lang) ? " %d " : "%d", n);
		return;
	}
	/* 五, 十, 十二, 二十, 二十五 */
	if (n >= 20)
		sg_buf_puts(out, digit[n / 10]);
	if (n >= 10)
		sg_buf_puts(out, "十");
	sg_buf_puts(out, digit[n % 10]);
}

void sg_fmt_days(sg_buf *out, int64_t days, const char *lang)
{
	bool zh = sg_proposal_lang_zh(lang);
	if (days == 0)
		sg_buf_puts(out, zh ? "今天" : "today");
	else if (days > 0 && zh)
		sg_buf_printf(out, "%" PRId64 "天后", days);
	else if (days > 0)
		sg_buf_printf(out, "in %" PRId64 " day%s", days, days == 1 ? "" : "s");
	else if (zh)
		sg_buf_printf(out, "已过 %" PRId64 " 天", -days);
	else
		sg_buf_printf(out, "%" PRId64 " day%s ago", -days, days == -1 ? "" : "s");
}

/* ---------------------------------------------------------------- labels */

static const struct {
	const char *key, *zh, *en;
} S_labels[] = {
	/* cost lines */
	{"kind.hardware", "硬件折旧", "Hardware depreciation"},
	{"kind.software", "软件折旧", "Software depreciation"},
	{"kind.electricity", "电费", "Electricity"},
	{"kind.labour", "人工", "Labour"},
	{"kind.renewal", "续费", "Renewal"},
	{"renewal.hosting", "机房托管", "Hosting"},
	{"renewal.bandwidth", "带宽", "Bandwidth"},
	{"renewal.licence", "软件授权", "Software licence"},
	{"renewal.anti-spam", "反垃圾邮件", "Anti-spam"},
	{"renewal.other", "其他续费", "Other renewal"},
	/* decision chain */
	{"role.approver", "批准人", "Approver"},
	{"role.decision-maker", "决策人", "Decision maker"},
	{"role.evaluator", "评估人", "Evaluator"},
	{"role.advisor", "建议人", "Advisor"},
	{"role.gatekeeper", "把关人", "Gatekeeper"},
	{"attitude.opponent", "反对者", "Opponent"},
	{"attitude.non-supporter", "不支持", "Non-supporter"},
	{"attitude.acceptor", "接受", "Acceptor"},
	{"attitude.supporter", "支持者", "Supporter"},
	{"attitude.sympathiser", "同情者", "Sympathiser"},
	{"attitude.ally", "盟友", "Ally"},
	/* events */
	{"event.ip-blacklisted", "IP 被列入黑名单", "IP blacklisted"},
	{"event.management-change", "高层变动", "Management change"},
	{"event.ipo", "上市", "IPO"},
	{"event.key-staff-leaving", "关键技术人员离职", "Key staff leaving"},
	{"event.renewal-due", "续费到期", "Renewal due"},
	{"event.outage", "系统故障", "Outage"},
	{"event.other", "其他", "Other"},
	/* industries (as the site's strings name them) */
	{"industry.law", "律师事务所", "Law firm"},
	{"industry.logistics", "物流", "Logistics"},
	{"industry.foreign-trade", "外贸", "Foreign trade"},
	{"industry.group-subsidiary", "集团下属企业", "Group subsidiary"},
	{"industry.heavy-industry", "重工业", "Heavy industry"},
	{"industry.software-outsourcing", "软件外包", "Software outsourcing"},
	{"industry.education", "教育", "Education"},
	{"industry.finance", "金融", "Finance"},
	{"industry.securities", "证券", "Securities"},
	{"industry.manufacturing", "制造业", "Manufacturing"},
	{"industry.automotive", "汽车", "Automotive"},
	{"industry.apparel", "服装纺织", "Apparel and textiles"},
	{"industry.retail", "零售", "Retail"},
	{"industry.healthcare", "医疗", "Health care"},
	{"industry.government", "政府机构", "Government"},
	{"industry.energy", "能源", "Energy"},
	{"industry.internet", "互联网", "Internet"},
	{"industry.real-estate", "房地产", "Real estate"},
	{"industry.other", "其他", "Other"},
	/* how a Chinese document addresses the customer, by the kind of
	 * organisation it is; 贵单位 is neutral and never wrong, so it is what
	 * a customer of no stated kind is called (an English document uses the
	 * customer's short name instead: sg_proposal_you()) */
	{"you.company", "贵公司", "your company"},
	{"you.law-firm", "贵所", "your firm"},
	{"you.school", "贵校", "your school"},
	{"you.hospital", "贵院", "your hospital"},
	{"you.bank", "贵行", "your bank"},
	{"you.government", "贵单位", "your organisation"},
	{"you.other", "贵单位", "your organisation"},
	{"you.unknown", "贵单位", "your organisation"},
	/* the kind of organisation in a word ("the company bought ...") */
	{"org.company", "公司", "company"},
	{"org.law-firm", "律所", "firm"},
	{"org.school", "学校", "school"},
	{"org.hospital", "医院", "hospital"},
	{"org.bank", "银行", "bank"},
	{"org.government", "单位", "organisation"},
	{"org.other", "单位", "organisation"},
	{"org.unknown", "单位", "organisation"},
	/* lifecycle */
	{"lifecycle.potential", "潜在客户", "Potential"},
	{"lifecycle.sales", "销售中", "In sales"},
	{"lifecycle.relationship", "已成交", "Customer"},
	{"lifecycle.lost", "已流失", "Lost"},
	/* tables */
	{"col.item", "项目", "Item"},
	{"col.no", "序号", "No."},
	{"col.product", "产品及服务", "Product or service"},
	{"col.edition", "版本", "Edition"},
	{"col.unit", "单位", "Unit"},
	{"col.quantity", "数量", "Qty"},
	{"col.unit_price", "单价", "Unit price"},
	{"col.discount", "折扣", "Discount"},
	{"col.line_amount", "金额", "Amount"},
	{"row.quote_total", "合计", "Total"},
	{"unit.lot", "项", "lot"},
	{"col.one_time", "一次性", "one-time"},
	{"col.basis", "计算依据", "Basis"},
	{"col.annual", "每年", "Per year"},
	{"col.five_year", "五年合计", "Five years"},
	{"col.offer", "标准报价", "Our offer"},
	{"col.price_line", "预算优选方案", "Budget option"},
	{"col.self_hosted", "自建", "Self-hosted"},
	{"col.ours", "云邮托管", "Hosted"},
	{"col.savings", "托管相比自建", "Difference"},
	{"savings.saves", "节省 %s", "saves %s"},
	{"savings.costs_more", "多支出 %s", "costs %s more"},
	{"savings.even", "持平", "the same"},
	{"col.feature", "功能", "Feature"},
	{"col.what", "特性与作用", "What it is and does"},
	{"col.benefit", "优势与价值", "Advantage and benefit"},
	{"col.due", "到期日", "Due"},
	{"col.when", "距今", "When"},
	{"col.amount", "金额（每年）", "Amount a year"},
	{"row.subtotal_without_labour", "小计（不含人工）", "Subtotal without labour"},
	{"row.total_with_labour", "合计（含人工）", "Total with labour"},
	{"row.product", "产品与版本", "Product and edition"},
	{"row.users", "用户数", "Users"},
	{"row.quantity", "数量", "Quantity"},
	{"row.unit_price", "目录单价", "List unit price"},
	{"row.list_annual", "目录价（每年）", "List price a year"},
	{"row.discount", "折扣", "Discount"},
	{"row.discount_saved", "每年优惠", "Discount a year"},
	{"row.annual", "年费", "Annual fee"},
	{"row.five_year", "五年服务费", "Five years of service"},
	{"row.one_time", "一次性费用", "One-time fees"},
	{"row.five_year_total", "五年总计（含一次性费用）", "Five-year total with one-time fees"},
	{"row.vat", "其中增值税", "of which VAT"},
	{"row.annual_with", "每年（含人工）", "A year, with labour"},
	{"row.annual_without", "每年（不含人工）", "A year, without labour"},
	{"row.five_with", "五年（含人工）", "Five years, with labour"},
	{"row.five_without", "五年（不含人工）", "Five years, without labour"},
	/* Chinese names the cycle after the division, as a finance team
	 * writes it; the English proposal says what the years are in the
	 * sentence above its table, where a column this narrow has room. */
	{"basis.depreciation", "%s ÷ %d 年", "%s / %d years"},
	{"basis.cycle", "，按%s年更新周期", ""},
	{"basis.cycle_one", "，按一年更新周期", ""},
	{"basis.due", "；已用 %d 年，到期应更新", "; %d years old, due"},
	{"basis.salary", "月薪 %s × 12 × 2 × %s", "%s/month × 12 × 2 × %s"},
	{"basis.kwh", "%s 千瓦时 × %s 元", "%s kWh at CNY %s"},
	{"basis.given", "按年计", "yearly figure"},
	{"basis.renewal", "每年续费", "renewed yearly"},
	{"unit.user", "用户", "users"},
	{"unit.line", "条", "lines"},
	{"unit.domain", "个域名", "domains"},
	{"unit.room", "个会议室", "rooms"},
	{"period.year", "年", "year"},
	{"period.month", "月", "month"},
	{"per.user", "用户", "user"},
	{"per.line", "条", "line"},
	{"per.domain", "域名", "domain"},
	{"per.room", "会议室", "room"},
	{"unit_price", "%s / %s / %s", "%s per %s per %s"},
	/* chart */
	{"chart.title", "五年累计成本对比", "Cumulative cost over five years"},
	{"chart.with_labour", "自建（含人工）", "Self-hosted, with labour"},
	{"chart.without_labour", "自建（不含人工）", "Self-hosted, without labour"},
	{"chart.offer", "云邮托管", "Our offer"},
	{"chart.year0", "签约", "Start"},
	{"chart.year", "第%d年", "Year %d"},
	{"chart.unit", "万元", "CNY thousand"},
	/* concerns a customer states and a case study answers */
	{"concern.confidentiality", "客户信息保密", "client confidentiality"},
	{"concern.overseas-mail", "海外邮件收发", "overseas mail"},
	{"concern.spam", "垃圾邮件", "spam"},
	{"concern.rbl", "IP 被列入黑名单", "IP blacklisting"},
	{"concern.stability", "系统稳定性", "stability"},
	{"concern.connectivity", "南北互联与连通性", "connectivity"},
	{"concern.maintenance", "运维能力", "maintenance skills"},
	{"concern.integration", "系统集成", "integration"},
	{"concern.mailbox-size", "邮箱容量", "mailbox size"},
	{"concern.service", "服务与响应", "vendor service"},
	/* cases */
	{"case.in_common", "相近之处：%s", "In common: %s"},
	{"case.same_industry", "同行业", "the same industry"},
	{"case.similar_size", "规模相近", "a similar size"},
	{"case.same_concern", "同样关注%s", "shared concerns: %s"},
	{"list.sep", "、", ", "},
	{"list.sep2", "；", "; "},
	{"case.users", "用户数：%s", "%s users"},
	{"case.previous", "原系统：%s", "previously %s"},
	{"case.cycle", "决策周期：%s", "%s to decide"},
	/* documents */
	{"doc.watermark", "草稿 · 未审批", "DRAFT - NOT APPROVED"},
	{"doc.internal", "内部资料 / INTERNAL", "INTERNAL / 内部资料"},
	{"doc.customer", "客户", "Customer"},
	{"doc.for", "本方案专为%s编制，请勿外传", "Prepared for %s. Confidential."},
	{"doc.number", "方案编号", "Proposal no."},
	{"doc.date", "日期", "Date"},
	{"doc.valid_until", "有效期至", "Valid until"},
	{"doc.contact", "联系人", "Contact"},
	{"doc.prepared_by", "提交单位", "Prepared by"},
	{"doc.stage", "项目阶段", "Stage"},
	{"doc.owner", "负责人", "Owner"},
	{"doc.proposal_subtitle", "企业邮箱托管服务方案", "Hosted business mail proposal"},
	{"doc.review_title", "项目评审", "Project review"},
	{"doc.pipeline_title", "销售漏斗", "Sales pipeline"},
	/* approvals */
	{"approval.none", "无需审批", "none needed"},
	{"approval.beyond", "超出权限", "beyond the policy"},
	{"approval.recorded", "已审批", "approved"},
	{"approval.missing", "待审批", "awaiting approval"},
	{"price_line.shown", "已提供", "offered"},
	{"price_line.not_budget", "非价格敏感", "not budget-sensitive"},
	{"price_line.beyond", "超出权限", "beyond the policy"},
	{"price_line.under", "未超十万", "under the line"},
	{"price_line.none", "无报价", "no offer"},
	{"price_line.under_short", "未超线", "under"},
	{"price_line.not_budget_short", "不适用", "n/a"},
	{"price_line.beyond_short", "超权限", "beyond"},
	{"discount.none", "原价", "list price"},
	{"stage.none", "未设定", "not set"},
	{"row.total", "合计", "Total"},
	{"none", "—", "—"},
	{"yes", "是", "yes"},
	{"no", "否", "no"},
};

#define S_NLABELS (sizeof S_labels / sizeof *S_labels)

/* S_labels' indexes in the order of their keys (each key is there once),
 * made once: the pipeline report looks labels up for every customer's
 * row, and a search from the top was 3.5% of its time at 10,000. */
static uint16_t S_order[S_NLABELS];
static pthread_once_t S_order_once = PTHREAD_ONCE_INIT;

static int S_order_cmp(const void *a, const void *b)
{
	return strcmp(S_labels[*(const uint16_t *)a].key, S_labels[*(const uint16_t *)b].key);
}

static void S_order_make(void)
{
	for (size_t i = 0; i < S_NLABELS; i++)
		S_order[i] = (uint16_t)i;
	qsort(S_order, S_NLABELS, sizeof *S_order, S_order_cmp);
	for (size_t i = 1; i < S_NLABELS; i++)
		assert(S_order_cmp(&S_order[i - 1], &S_order[i]) < 0);
}

const char *sg_proposal_label(const char *key, const char *lang)
{
	pthread_once(&S_order_once, S_order_make);
	size_t lo = 0, hi = S_NLABELS;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(S_labels[S_order[mid]].key, key);
		if (c == 0) {
			bool zh = sg_proposal_lang_zh(lang);
			return zh ? S_labels[S_order[mid]].zh : S_labels[S_order[mid]].en;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return key;
}

const char *sg_proposal_label_of(const char *prefix, const char *id, const char *lang)
{
	if (!id)
		return NULL;
	bool zh = sg_proposal_lang_zh(lang);
	size_t pl = strlen(prefix);
	for (size_t i = 0; i < sizeof S_labels / sizeof *S_labels; i++) {
		const char *k = S_labels[i].key;
		if (strncmp(k, prefix, pl) == 0 && k[pl] == '.' && strcmp(k + pl + 1, id) == 0)
			return zh ? S_labels[i].zh : S_labels[i].en;
	}
	return id;
}

/* ---------------------------------------------------------------- the customer */

const char *sg_proposal_you(const sg_customer *cu, const char *lang)
{
	if (!sg_proposal_lang_zh(lang))
		return cu->short_name ? cu->short_name : cu->name;
	const char *kind = sg_org_kind_name(cu->kind);
	return sg_proposal_label_of("you", kind ? kind : "unknown", lang);
}

const char *sg_proposal_org_word(const sg_customer *cu, const char *lang)
{
	const char *kind = sg_org_kind_name(cu->kind);
	return sg_proposal_label_of("org", kind ? kind : "unknown", lang);
}

/* ---------------------------------------------------------------- approvals */

const char *sg_proposal_role_name(const sg_role *r, const char *lang)
{
	const char *s = r ? sg_l10n_get(&r->name, lang) : NULL;
	return s ? s : r ? r->id : NULL;
}

const char *sg_proposal_approval_words(const sg_cost_approval *ap, const char *lang)
{
	switch (ap->kind) {
	case SG_APPROVAL_NONE:
		return sg_proposal_label("approval.none", lang);
	case SG_APPROVAL_ROLE:
		return sg_proposal_role_name(ap->role, lang);
	case SG_APPROVAL_BEYOND:
		return sg_proposal_label("approval.beyond", lang);
	case SG_APPROVAL_UNKNOWN:
		break;
	}
	return sg_proposal_label("none", lang);
}

const char *sg_proposal_price_line_status(const sg_eval *ev, bool short_form, const char *lang)
{
	sg_cost_result totals;
	sg_eval_cost(ev, &totals, NULL);
	const sg_cost_result *r = &totals;
	if (!r->has_offer)
		return sg_proposal_label(short_form ? "none" : "price_line.none", lang);
	if (!r->over_price_line)
		return sg_proposal_label(short_form ? "price_line.under_short" : "price_line.under",
					 lang);
	if (ev->price_line_offered)
		return sg_proposal_label("price_line.shown", lang);
	if (!ev->cu->offer.budget_sensitive)
		return sg_proposal_label(short_form ? "price_line.not_budget_short"
						    : "price_line.not_budget",
					 lang);
	return sg_proposal_label(short_form ? "price_line.beyond_short" : "price_line.beyond", lang);
}
