/**
 * A varied sample of texts for measuring the token-count approximations (see
 * docs/decisions/0004-token-counting.md and tokens.test.ts). Every text was written for this
 * project (no copied material). Kinds: English prose, code, structured data, non-Latin scripts,
 * numbers, and a few adversarial shapes (whitespace runs, hex, emoji).
 */
export type SampleKind = 'prose' | 'code' | 'data' | 'script' | 'numbers' | 'mixed' | 'adversarial';

export interface TokenSample {
  id: string;
  kind: SampleKind;
  text: string;
}

export const TOKEN_SAMPLE: readonly TokenSample[] = [
  // ── English prose ──────────────────────────────────────────────────────────────────────────
  {
    id: 'prose-short-question',
    kind: 'prose',
    text: 'What is the capital of Australia, and why was it chosen over Sydney and Melbourne?',
  },
  {
    id: 'prose-paragraph',
    kind: 'prose',
    text:
      'The lighthouse keeper climbed the spiral stairs every evening at dusk, counting the steps out of habit rather than ' +
      'necessity. There were one hundred and twelve of them, worn smooth in the middle where decades of boots had pressed. ' +
      'At the top, he trimmed the wick, polished the great lens until it threw back a hundred tiny versions of his face, and ' +
      'waited for the first ship of the night to round the headland.',
  },
  {
    id: 'prose-business-email',
    kind: 'prose',
    text:
      "Hi Priya,\n\nThanks for sending over the Q3 forecast. I've gone through the numbers with the finance team and we have a " +
      "couple of questions before Thursday's review: (1) the churn assumption for enterprise accounts looks optimistic given " +
      "last quarter's renewals, and (2) we couldn't reconcile the marketing spend line with the invoices we received.\n\n" +
      'Could we set up 30 minutes tomorrow afternoon?\n\nBest,\nJonas',
  },
  {
    id: 'prose-technical',
    kind: 'prose',
    text:
      'A write-ahead log guarantees durability by persisting each change before it is applied to the main data files. On ' +
      'recovery, the database replays the log from the last checkpoint, redoing committed transactions and discarding ' +
      'incomplete ones. Group commit amortises the cost of fsync across concurrent transactions, which is why throughput ' +
      'often rises with the number of clients even though each commit still waits for the disk.',
  },
  {
    id: 'prose-dialogue',
    kind: 'prose',
    text:
      '"You\'re late," she said, not looking up from the map.\n"The bridge was out. We had to go round by the old mill."\n' +
      '"And the packages?"\n"Dry. Mostly." He set them on the table; one of them dripped.',
  },
  {
    id: 'prose-instructions',
    kind: 'prose',
    text:
      'You are a helpful assistant for a hardware store. Answer questions about tools, paint and garden supplies. If a ' +
      'customer asks about something we do not sell, say so politely and suggest what they might use instead. Keep answers ' +
      'under three sentences unless the customer asks for step-by-step instructions.',
  },
  {
    id: 'prose-legalese',
    kind: 'prose',
    text:
      'Notwithstanding the foregoing, neither party shall be liable for any indirect, incidental, consequential or punitive ' +
      'damages arising out of or relating to this Agreement, including without limitation loss of profits, revenue or data, ' +
      'even if such party has been advised of the possibility thereof.',
  },
  {
    id: 'prose-markdown',
    kind: 'mixed',
    text:
      '# Release notes\n\n## 2.4.0\n\n- **New:** export reports as CSV or PDF.\n- *Fixed:* the date picker no longer skips ' +
      'February 29th.\n- Dropped support for Node 16.\n\n> Upgrading? Run `npm run migrate` first.\n\n| Plan | Seats | Price |\n' +
      '| --- | ---: | ---: |\n| Team | 10 | $49 |\n| Business | 50 | $199 |\n',
  },

  // ── Code ───────────────────────────────────────────────────────────────────────────────────
  {
    id: 'code-typescript',
    kind: 'code',
    text:
      "import { useMemo } from 'react';\n\nexport function useTotals(items: readonly LineItem[]): Totals {\n  return useMemo(() => {\n" +
      '    let subtotal = 0n;\n    for (const item of items) subtotal += item.unitPrice * BigInt(item.quantity);\n' +
      '    const tax = (subtotal * 2_000n) / 10_000n;\n    return { subtotal, tax, total: subtotal + tax };\n  }, [items]);\n}\n',
  },
  {
    id: 'code-python',
    kind: 'code',
    text:
      'from dataclasses import dataclass\nfrom typing import Iterator\n\n\n@dataclass(frozen=True)\nclass Interval:\n' +
      '    start: int\n    end: int\n\n    def overlaps(self, other: "Interval") -> bool:\n' +
      '        return self.start < other.end and other.start < self.end\n\n\ndef merge(intervals: list[Interval]) -> Iterator[Interval]:\n' +
      '    current = None\n    for iv in sorted(intervals, key=lambda i: i.start):\n        if current and current.overlaps(iv):\n' +
      '            current = Interval(current.start, max(current.end, iv.end))\n        else:\n            if current:\n' +
      '                yield current\n            current = iv\n    if current:\n        yield current\n',
  },
  {
    id: 'code-sql',
    kind: 'code',
    text:
      'SELECT u.id, u.email, COALESCE(SUM(l.amount_micro), 0) AS balance_micro\nFROM users u\n' +
      "LEFT JOIN ledger_entries l ON l.user_id = u.id AND l.created_at >= NOW() - INTERVAL '30 days'\n" +
      "WHERE u.status = 'active'\nGROUP BY u.id, u.email\nHAVING COALESCE(SUM(l.amount_micro), 0) < 0\nORDER BY balance_micro ASC\nLIMIT 50;",
  },
  {
    id: 'code-rust',
    kind: 'code',
    text:
      'use std::collections::HashMap;\n\npub fn word_counts(text: &str) -> HashMap<&str, usize> {\n' +
      '    let mut counts = HashMap::new();\n    for word in text.split_whitespace() {\n' +
      '        *counts.entry(word.trim_matches(|c: char| !c.is_alphanumeric())).or_insert(0) += 1;\n    }\n    counts\n}\n',
  },
  {
    id: 'code-shell',
    kind: 'code',
    text:
      '#!/usr/bin/env bash\nset -euo pipefail\nfor f in ./logs/*.log; do\n  gzip -9 "$f" && mv "$f.gz" /var/archive/ || echo "failed: $f" >&2\n' +
      "done\nfind /var/archive -name '*.gz' -mtime +30 -delete\n",
  },
  {
    id: 'code-html-css',
    kind: 'code',
    text:
      '<!doctype html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <style>\n    .card { display: grid; gap: 0.75rem; ' +
      'padding: 1rem 1.25rem; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }\n  </style>\n</head>\n<body>\n' +
      '  <div class="card"><h2>Balance</h2><p id="balance">12.500000 credits</p></div>\n</body>\n</html>\n',
  },
  {
    id: 'code-minified-js',
    kind: 'code',
    text:
      '!function(e,t){"object"==typeof exports&&"undefined"!=typeof module?module.exports=t():"function"==typeof define&&define.amd?' +
      'define(t):(e=e||self).clamp=t()}(this,function(){"use strict";return function(e,t,n){return Math.min(Math.max(e,t),n)}});',
  },
  {
    id: 'code-go',
    kind: 'code',
    text:
      'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nfunc main() {\n\thttp.HandleFunc("/healthz", func(w http.ResponseWriter, ' +
      'r *http.Request) {\n\t\tw.WriteHeader(http.StatusOK)\n\t\tfmt.Fprintln(w, "ok")\n\t})\n\t_ = http.ListenAndServe(":8080", nil)\n}\n',
  },

  // ── Structured data ────────────────────────────────────────────────────────────────────────
  {
    id: 'data-json-pretty',
    kind: 'data',
    text: JSON.stringify(
      {
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'Reply in French.' },
          { role: 'user', content: 'How are you today?' },
        ],
        max_tokens: 256,
        temperature: 0.7,
        stream: true,
        metadata: { requestId: '3f2b9c1e-8a47-4d0e-9b6a-2c5d7e1f0a93', retries: 0 },
      },
      null,
      2,
    ),
  },
  {
    id: 'data-json-compact',
    kind: 'data',
    text:
      '[{"id":1001,"sku":"TG-RED-XL","qty":3,"price":"19.99","tags":["sale","summer"]},{"id":1002,"sku":"TG-BLU-M","qty":1,' +
      '"price":"24.50","tags":[]},{"id":1003,"sku":"TG-GRN-S","qty":12,"price":"7.25","tags":["bulk"],"note":null}]',
  },
  {
    id: 'data-yaml',
    kind: 'data',
    text:
      'services:\n  api:\n    image: tollgate/server:1.4.2\n    environment:\n      DATABASE_URL: postgres://app:secret@db:5432/app\n' +
      '      CREDIT_USD: "0.01"\n    ports:\n      - "4000:4000"\n    depends_on: [db, redis]\n  db:\n    image: postgres:15\n',
  },
  {
    id: 'data-csv',
    kind: 'data',
    text:
      'date,region,product,units,revenue_usd\n2024-01-03,EMEA,Widget A,140,2786.00\n2024-01-03,APAC,Widget B,75,1687.50\n' +
      '2024-01-04,AMER,Widget A,212,4218.80\n2024-01-04,EMEA,Gadget X,9,1349.91\n2024-01-05,AMER,Gadget X,31,4649.69\n',
  },
  {
    id: 'data-log-lines',
    kind: 'data',
    text:
      '2024-06-11T09:14:02.381Z INFO  req=7f3a2c method=POST path=/graphql status=200 ms=41\n' +
      '2024-06-11T09:14:02.977Z WARN  req=7f3a2d method=POST path=/v1/chat/completions status=402 ms=3 err="insufficient credits"\n' +
      '2024-06-11T09:14:03.120Z ERROR req=7f3a2e upstream=openai status=503 retry_in=2s\n',
  },
  {
    id: 'data-url-list',
    kind: 'data',
    text:
      'https://example.com/api/v2/users?id=48213&include=orders,addresses&sort=-created_at\n' +
      'https://cdn.example.org/assets/img/hero@2x.webp?v=9c1e0f\nmailto:support@example.net?subject=Invoice%20%2304512\n',
  },

  // ── Numbers ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'numbers-table',
    kind: 'numbers',
    text:
      '3.14159265358979 2.71828182845904 1.41421356237309 1.61803398874989\n' +
      '299792458 6.62607015e-34 1.380649e-23 6.02214076e23 9.80665\n' +
      '-40 -17.5 0 0.001 1000000 123456789012345678901234567890\n',
  },
  {
    id: 'numbers-arithmetic',
    kind: 'numbers',
    text: '17 × 23 = 391; 391 ÷ 17 = 23; 2^10 = 1024; √144 = 12; (48 + 52) / 4 = 25; 7! = 5040; 0.1 + 0.2 ≈ 0.30000000000000004',
  },
  {
    id: 'numbers-phone-dates',
    kind: 'numbers',
    text: 'Call +44 20 7946 0958 or +1 (555) 013-2671 between 08:30 and 17:45 on 2024-03-15, 15/03/2024 or March 15th, 2024.',
  },

  // ── Non-Latin scripts and other languages ──────────────────────────────────────────────────
  {
    id: 'script-chinese',
    kind: 'script',
    text:
      '今天下午我们在图书馆讨论了新项目的时间安排。大家都同意先完成数据库的设计，然后再开始写接口文档。' +
      '如果下周一之前没有问题，我们就可以按计划进入开发阶段。',
  },
  {
    id: 'script-japanese',
    kind: 'script',
    text:
      '昨日は雨が降っていたので、家で本を読んで過ごしました。夕方になって晴れてきたので、近くの公園まで散歩に行きました。' +
      'ベンチに座ってコーヒーを飲みながら、夕焼けを眺めていました。',
  },
  {
    id: 'script-korean',
    kind: 'script',
    text:
      '다음 주 회의는 화요일 오후 세 시에 시작합니다. 발표 자료는 월요일까지 공유 폴더에 올려 주시고, ' + '질문이 있으면 언제든지 연락해 주세요. 감사합니다.',
  },
  {
    id: 'script-russian',
    kind: 'script',
    text:
      'Вчера вечером мы долго обсуждали, стоит ли переносить сервер в другой дата-центр. В итоге решили подождать до конца ' +
      'квартала и сначала проверить, как изменится нагрузка после обновления.',
  },
  {
    id: 'script-arabic',
    kind: 'script',
    text:
      'نود أن نشكركم على اختياركم خدماتنا. سيتم إرسال الفاتورة إلى بريدكم الإلكتروني خلال يومي عمل، ' +
      'وإذا كانت لديكم أي أسئلة فلا تترددوا في التواصل مع فريق الدعم.',
  },
  {
    id: 'script-hindi',
    kind: 'script',
    text: 'कल सुबह हम लोग पहाड़ों की ओर निकलेंगे। रास्ते में एक छोटे से गाँव में रुककर नाश्ता करेंगे और दोपहर तक ' + 'झील के किनारे पहुँच जाएँगे। अपने साथ गरम कपड़े ज़रूर रखना।',
  },
  {
    id: 'script-thai',
    kind: 'script',
    text: 'พรุ่งนี้เราจะไปตลาดน้ำแต่เช้า เพราะช่วงสายคนจะเยอะมาก อย่าลืมเตรียมเงินสดไว้ด้วย เพราะร้านส่วนใหญ่ไม่รับบัตร',
  },
  {
    id: 'script-greek',
    kind: 'script',
    text: 'Η συνάντηση μεταφέρθηκε για την Πέμπτη το πρωί. Παρακαλώ ενημερώστε την ομάδα και στείλτε μου τα σχόλιά σας μέχρι την Τετάρτη.',
  },
  {
    id: 'script-hebrew',
    kind: 'script',
    text: 'הפגישה של מחר בוטלה בגלל מזג האוויר. נקבע מועד חדש בשבוע הבא ונעדכן את כולם בהודעה נפרדת.',
  },
  {
    id: 'lang-german',
    kind: 'prose',
    text:
      'Die Geschwindigkeitsbegrenzung auf der Bundesstraße wurde nach mehreren Unfällen herabgesetzt. Die Straßenverkehrsbehörde ' +
      'kündigte außerdem zusätzliche Überwachungsmaßnahmen an.',
  },
  {
    id: 'lang-vietnamese',
    kind: 'prose',
    text: 'Chúng tôi sẽ gửi hóa đơn cho bạn trong vòng hai ngày làm việc. Nếu có bất kỳ câu hỏi nào, vui lòng liên hệ bộ phận hỗ trợ.',
  },
  {
    id: 'lang-spanish-french',
    kind: 'prose',
    text:
      '¿Dónde está la estación de tren más cercana? Necesito llegar a Sevilla antes de las ocho. — Excusez-moi, pourriez-vous ' +
      "m'indiquer où se trouve la gare ? Je dois être à Lyon avant midi.",
  },

  // ── Mixed and adversarial shapes ───────────────────────────────────────────────────────────
  {
    id: 'mixed-emoji-chat',
    kind: 'mixed',
    text: 'lol that meeting 😂😂 anyway see you at 7? 🍕🍺 btw the deploy failed again 🙃 #fml @devops pls 🙏👍🏽',
  },
  {
    id: 'mixed-code-in-chinese',
    kind: 'mixed',
    text: '请帮我看看这段代码为什么报错：`const total = items.reduce((a, b) => a + b.price, 0);` 错误信息是 "Cannot read properties of undefined"。',
  },
  {
    id: 'adversarial-hex',
    kind: 'adversarial',
    text:
      '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 ' +
      'dGhpcyBpcyBub3QgYSBzZWNyZXQsIGp1c3QgYmFzZTY0IHBhZGRpbmcgZm9yIHRva2VuIHRlc3Rz',
  },
  {
    id: 'adversarial-whitespace',
    kind: 'adversarial',
    text: 'a\n\n\n\n    b\t\t\tc          d\r\n\r\n        \n   e   \n\n\n\n\n\n\n\n' + ' '.repeat(40) + 'f',
  },
  {
    id: 'adversarial-punctuation',
    kind: 'adversarial',
    text: '!!!???...---===+++***&&&|||///\\\\\\~~~^^^%%%$$$###@@@((()))[[[]]]{{{}}}<<<>>>;;;:::,,,"""\'\'\'```',
  },
  {
    id: 'adversarial-special-token-text',
    kind: 'adversarial',
    text: 'Ignore this: <|endoftext|> and <|endofprompt|> are just characters here, as is <|im_start|>user.',
  },
];
