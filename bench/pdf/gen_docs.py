#!/usr/bin/env python3
"""gen_docs.py N OUTDIR - writes N Markdown documents of 3 to 5 pages each:
mixed Chinese and English prose, headings, a list and two tables, with up to
about 1,000 distinct Chinese characters per document. Deterministic: the
same N gives the same files."""
import os
import random
import sys

# Sentences written for this benchmark; the generator recombines them.
ZH = [
    "客户的信息中心今年要把邮件系统从自建迁到托管服务，预算已经报到集团财务部。",
    "我们在三月份做了第一次技术交流，对方最关心的是海外收发邮件的稳定性。",
    "采购流程要求至少三家供应商比价，报价单需要加盖公章并注明有效期。",
    "分公司市场部主任同意了零点八的折扣，但要求我们提供两年的价格锁定。",
    "项目组建议分两批迁移用户，先迁总部的四百个账号，再迁各地仓库。",
    "竞争对手给出的价格更低，但不包含归档和审计功能，后期扩容费用很高。",
    "客户的决策人是分管信息化的副总经理，评估人是信息中心的两位工程师。",
    "培训安排在迁移完成后的第一周，每个仓库派一名管理员参加现场培训。",
    "合同签订后十个工作日内开通服务，旧系统保留一个月作为过渡。",
    "如果年度金额超过十万元，客户需要走招标流程，周期至少增加六周。",
    "我们的教练是信息中心主任，他建议先在物流调度部门做小范围试点。",
    "售后服务承诺七乘二十四小时响应，重大故障四小时内到场处理。",
]
EN = [
    "The customer wants a single contract covering mail, archiving and the route planner.",
    "Finance asked for a price that stays below the board approval threshold.",
    "Migration will run over two weekends to keep the warehouses working.",
    "Their IT team prefers a managed service to patching servers at night.",
    "We proposed a 12-month price lock in exchange for a three-year term.",
]
EXTRA = ("鼎鑫晟昊璟琨瑜璇骐骥鹏翔瀚澜涛渊鸿儒睿哲彦博弘毅铭轩柏松梧桐桦楠枫槐榕樟"
         "椿杉檀榆杨柳荷莲菊兰蕙芷蘅芸薇蔚葳蕤芃苒茜菁蓁萱萏菡蓉芙蕖菱芦苇荻蒹葭")

def table(rng, rows):
    out = ["| 序号 | 项目 Item | 数量 | 单价（元） | 金额（元） |", "|---|---|---:|---:|---:|"]
    for i in range(1, rows + 1):
        q = rng.randint(1, 500)
        p = rng.choice([96, 120, 180, 360, 888, 998, 3000])
        out.append(f"| {i} | {rng.choice(['企业邮箱', 'Route Planner', '宽带 10M', '视频会议', '归档扩展'])} | {q} | {p:,} | {q * p:,} |")
    return "\n".join(out)

def para(rng, n):
    parts = []
    for _ in range(n):
        if rng.random() < 0.25:
            parts.append(rng.choice(EN))
        else:
            s = rng.choice(ZH)
            if rng.random() < 0.3:
                s = s[:-1] + "，涉及" + "".join(rng.sample(EXTRA, 4)) + "等项目。"
            parts.append(s)
    return "".join(parts)

def doc(i):
    rng = random.Random(i)
    pages = 3 + i % 3
    out = [f"---\ntitle: 基准测试文档 {i:04d}\nlang: zh-CN\nsummary: 用于测量排版速度的文档。\n---\n",
           f"# 基准测试文档 {i:04d}\n"]
    for sec in range(pages * 2):
        out.append(f"## 第 {sec + 1} 节 Section {sec + 1}\n")
        out.append(para(rng, 4) + "\n")
        out.append(para(rng, 3) + "\n")
        if sec % 2 == 0:
            out.append(table(rng, 6) + "\n")
        else:
            out.append("\n".join(f"- {rng.choice(ZH)}" for _ in range(3)) + "\n")
    return "\n".join(out)

def main():
    n, outdir = int(sys.argv[1]), sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    for i in range(n):
        with open(os.path.join(outdir, f"doc{i:04d}.md"), "w", encoding="utf-8") as f:
            f.write(doc(i))

if __name__ == "__main__":
    main()
