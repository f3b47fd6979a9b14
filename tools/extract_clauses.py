"""Extracts the rule-book clauses shown in the app's guidance panel from the NISC template
text (seed 001) into decision-trees/clauses.json. Run from the project root:
    python3 tools/extract_clauses.py ../shared/seeds/001_c42e93d0181e1d5e.txt
The texts are quoted verbatim (blank lines and list dashes removed)."""
import json, re, sys

L = open(sys.argv[1], encoding='utf-8').read().split('\n')

def rng(a, b):  # 1-based inclusive
    lines = []
    for x in L[a - 1:b]:
        x = re.sub(r'<sup>.*?</sup>', '', x.strip().lstrip('#').strip())
        if not x:
            continue
        # A paragraph broken by a page end continues mid-sentence: join it back.
        if lines and not re.match(r'\d+ ', lines[-1]) and not re.search(r'[。）)」：:]$', lines[-1]) and not re.match(r'[(（・\-0-9]', x):
            lines[-1] += x
        else:
            lines.append(x)
    s = '\n'.join(lines)
    # The extracted text breaks one word across a page: 重 / 要.
    s = s.replace('重\n要', '重要')
    return s.replace('- (', '(').replace('- ・', '・')

def find(prefix, start=120):
    for i in range(start - 1, len(L)):
        if L[i].lstrip('-# ').startswith(prefix):
            return i + 1
    raise SystemExit('not found: ' + prefix)

c = []
def add(cid, ja, en, text):
    c.append({"clause_id": cid, "source_id": "001", "heading": {"ja": ja, "en": en}, "text": text})

i31 = find('3.1 外部委託する業務の分類'); i311 = find('3.1.1'); i312 = find('3.1.2')
i313 = find('3.1.3'); i314 = find('3.1.4'); i32 = find('3.2 「約款')
add("3.1", "外部委託する業務の分類", "Kinds of outsourced work", rng(i31 + 1, i311 - 1))
add("3.1.1", "情報システムの構築等の外部委託", "Outsourcing system construction", rng(i311 + 1, i312 - 1))
add("3.1.2", "情報システムの運用・保守・点検の外部委託", "Outsourcing operation, maintenance and inspection", rng(i312 + 1, i313 - 1))
add("3.1.3", "情報の加工・処理等の外部委託", "Outsourcing information processing", rng(i313 + 1, i314 - 1))
add("3.1.4", "情報の保存・運搬の外部委託", "Outsourcing storage and transport of information", rng(i314 + 1, i32 - 1))
i32end = next(i for i in range(i32, len(L)) if L[i].startswith('---')) + 1
add("3.2", "「約款による情報処理サービス」の利用による外部委託", "Outsourcing by a service on fixed terms", rng(i32 + 1, i32end - 1))
i41 = find('(1) 外部委託により情報処理業務を行うことの可否の判断'); i42 = find('(2) 調達における手続')
add("4(1)", "外部委託により情報処理業務を行うことの可否の判断", "Deciding whether the task may be outsourced", rng(i41 + 1, i42 - 1))
i51 = find('5.1 外部委託の可否の原則', i42)
p = [find('(%d)' % k, i51) for k in range(1, 6)]
i52 = find('5.2 脅威及び対策', i51)
add("5.1", "外部委託の可否の原則", "The principle for outsourcing", rng(i51 + 1, i52 - 1))
for k in range(5):
    end = p[k + 1] - 1 if k < 4 else i52 - 1
    add("5.1(%d)" % (k + 1), "外部委託の可否の原則 (%d)" % (k + 1), "The principle for outsourcing (%d)" % (k + 1), rng(p[k], end))
q = [find('(%d)' % k, i52) for k in range(1, 6)]
i6 = find('6 調達における手続', i52)
add("5.2", "脅威及び対策の検討における留意事項", "Points to consider on threats and countermeasures", rng(i52 + 1, i6 - 1))
for k in range(5):
    end = q[k + 1] - 1 if k < 4 else i6 - 1
    add("5.2(%d)" % (k + 1), "脅威及び対策の検討における留意事項 (%d)" % (k + 1), "Points to consider (%d)" % (k + 1), rng(q[k], end))
i76 = find('7.6 「約款'); it4 = find('表4 .')
add("7.6(1)", "「約款による情報処理サービス」の利用による外部委託に関する注意", "Caution on services on fixed terms", rng(i76 + 1, it4 - 1))
add("表4", "「約款による情報処理サービス」の利用による外部委託に関する留意事項", "Cautions on outsourcing by a service on fixed terms (Table 4)",
    rng(it4, it4) + "\n（各留意事項は 表4 No.1〜No.18 として 表4 チェックリストに示します）")
# Chapters 6–8, cited by the countermeasure and measure catalogues (a citation such as
# 「8.1(3)」 resolves to the clause 「8.1」 quoted here).
def heading(prefix, start):
    for i in range(start - 1, len(L)):
        if re.match(r'#+ *' + re.escape(prefix) + r' ', L[i]) or L[i].startswith(prefix + ' '):
            return i + 1
    raise SystemExit('heading not found: ' + prefix)

def table_rows(title_line):  # a table's title and its numbered rows, without the grid
    rows = [L[title_line - 1].strip()]
    for x in L[title_line:]:
        if x.startswith('：'):
            break
        m = re.match(r'\((\d+)\) ?([^\t]+)', x)
        if m:
            rows.append('(%s) %s' % (m.group(1), m.group(2).strip()))
    return '\n'.join(rows)

h61 = heading('6.1', i6); h62 = heading('6.2', h61); t1 = find('表1．', h61)
add("6.1", "委託先の選定基準及び選定手続", "Criteria and procedure for choosing the contractor", rng(h61 + 1, t1 - 1))
add("表1", "調達仕様において委託先に求める情報セキュリティ対策等", "Table 1: security measures required of the contractor in the procurement specification", table_rows(t1))
h621 = heading('6.2.1', h62); h622 = heading('6.2.2', h621)
add("6.2.1", "情報セキュリティマネジメントシステムに関する適合性評価制度の活用", "Using the ISMS conformity assessment scheme", rng(h621 + 1, h622 - 1))
h71 = heading('7.1', h622); t3 = find('表3 ', h71)
add("7.1", "外部委託に係る契約における情報セキュリティの考慮", "Security in the outsourcing contract", rng(h71 + 1, t3 - 1))
add("表3", "契約において委託先に行わせるものとする情報セキュリティ対策等", "Table 3: security measures the contract makes the contractor take", table_rows(t3))
h75 = heading('7.5', t3); h76 = heading('7.6', h75)
add("7.5", "再委託に関する制限", "Limits on subcontracting", rng(h75 + 1, h76 - 1))
h81 = heading('8.1', h76); h82 = heading('8.2', h81); h83 = heading('8.3', h82)
add("8.1", "取り扱う府省庁の情報の秘密保持等", "Confidentiality of the ministry's information handled", rng(h81 + 1, h82 - 1))
add("8.2", "情報セキュリティ侵害が発生した場合の措置", "Measures when security is breached", rng(h82 + 1, h83 - 1))
ia = find('付録 1 重要な情報を取り扱う情報処理業務'); ia2 = find('付録 2 情報セキュリティ対策等')
add("付録1", "重要な情報を取り扱う情報処理業務及び取り扱わない情報処理業務", "Appendix 1: tasks that do and do not handle important information", rng(ia + 3, ia2 - 1))
doc = {"$schema": "schema/clauses.schema.json",
       "notice": {"ja": "条文は NISC「外部委託における情報セキュリティ対策実施規程 雛形」（2011）からの原文引用です。",
                  "en": "Clause texts are quoted in the original Japanese from the NISC template (2011); headings are translated."},
       "clauses": c}
with open('decision-trees/clauses.json', 'w', encoding='utf-8') as f:
    json.dump(doc, f, ensure_ascii=False, indent=2)
    f.write('\n')
for x in c:
    print(x['clause_id'], len(x['text']), x['text'][:50].replace('\n', ' '))
