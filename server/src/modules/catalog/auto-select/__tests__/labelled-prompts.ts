/**
 * Prompts labelled by hand, written before the classifier's rules existed, the way users actually
 * type them (lower case, typos, pasted input). Labels say what a person would call the task and how
 * capable a model it needs:
 *   low    — one simple ask with a short answer; any small model does it.
 *   medium — a few requirements, a moderate input or output, or some domain knowledge.
 *   high   — multi-step or hard-domain work (proofs, system design, legal nuance), many
 *            constraints, or a long output.
 * `ambiguous` marks prompts where a second labeller could reasonably disagree; they stay in the
 * score. Held-out prompts (labelled-holdout.ts) were written at the same time and not looked at
 * while the rules were adjusted.
 */
import type { Complexity, TaskType } from '../auto-select.types.js';
import {
  CHANGELOG,
  EMAIL_THREADS,
  JAPANESE_REVIEW,
  LANDING_COPY,
  LICENSE_CLAUSE,
  MEETING_TRANSCRIPT,
  NEWS_ARTICLE,
  PAPER_EXCERPT,
  PRODUCT_REVIEWS,
  PUSHKIN_POEM,
} from './labelled-passages.js';

export interface LabelledPrompt {
  prompt: string;
  taskType: TaskType;
  complexity: Complexity;
  ambiguous?: boolean;
}

export function p(taskType: TaskType, complexity: Complexity, prompt: string, ambiguous = false): LabelledPrompt {
  return { prompt, taskType, complexity, ambiguous };
}

const code: LabelledPrompt[] = [
  p('code', 'low', 'How do I reverse a list in Python?'),
  p('code', 'low', "what's the git command to undo my last commit but keep the changes"),
  p('code', 'low', 'Write a bash one-liner that counts the lines in all .ts files in a folder, recursively.'),
  p('code', 'low', 'Why does this print [undefined, undefined, undefined]?\n```js\nconst xs = [1, 2, 3];\nconsole.log(xs.map(x => { x * 2 }));\n```'),
  p('code', 'low', 'What does `Array.prototype.flatMap` do?'),
  p(
    'code',
    'medium',
    'Write a TypeScript function that debounces an async function: it should cancel the previous pending call and return a promise that resolves with the latest result. Include proper generic types.',
  ),
  p(
    'code',
    'medium',
    "I'm getting this when I open the users page:\n\nTypeError: Cannot read properties of undefined (reading 'map')\n    at UserList (src/components/UserList.tsx:14:23)\n    at renderWithHooks (react-dom.development.js:14985:18)\n    at mountIndeterminateComponent (react-dom.development.js:17811:13)\n\nthe data comes from a fetch in useEffect. what's wrong?",
  ),
  p(
    'code',
    'medium',
    "Rewrite this to use a window function instead of the correlated subquery:\n\nSELECT o.id, o.customer_id, o.total,\n  (SELECT AVG(o2.total) FROM orders o2 WHERE o2.customer_id = o.customer_id) AS avg_total\nFROM orders o\nWHERE o.created_at > now() - interval '30 days';",
  ),
  p('code', 'medium', 'need a regex that matches US phone numbers like (555) 123-4567, 555-123-4567 and 5551234567 but not 555-1234'),
  p(
    'code',
    'medium',
    'Write a Python script that reads a CSV of English phrases and translates each one into Spanish using the DeepL API, writing the results to a new column.',
    true,
  ),
  p(
    'code',
    'medium',
    'Translate this Python to idiomatic JavaScript:\n```python\ndef chunks(xs, n):\n    for i in range(0, len(xs), n):\n        yield xs[i:i + n]\n\nprint([sum(c) for c in chunks(list(range(10)), 3)])\n```',
    true,
  ),
  p('code', 'low', 'Summarize what this function does:\n```python\ndef f(d):\n    return {v: k for k, v in d.items()}\n```', true),
  p('code', 'low', 'Explain the difference between a process and a thread.', true),
  p(
    'code',
    'high',
    'Design and implement a rate limiter in Go that supports sliding windows per API key, works across multiple instances using Redis, tolerates clock skew between instances, and comes with unit tests. Explain the trade-offs versus a token bucket.',
  ),
  p(
    'code',
    'high',
    "This deadlocks under load and I can't see why:\n```rust\nfn transfer(a: &Mutex<Account>, b: &Mutex<Account>, amount: u64) {\n    let mut from = a.lock().unwrap();\n    let mut to = b.lock().unwrap();\n    from.balance -= amount;\n    to.balance += amount;\n}\n```\nFind the deadlock, explain the lock ordering problem, and rewrite it so it cannot deadlock while keeping the same public API. Bonus if you can make it lock-free.",
  ),
  p(
    'code',
    'high',
    "Our Postgres query takes 40s on a 200M-row events table. EXPLAIN ANALYZE shows a Seq Scan on events with filter (tenant_id = 42 AND created_at >= '2024-01-01') and a Sort on created_at using external merge Disk: 2048000kB. Suggest indexes, a rewrite, and a partitioning strategy, and explain how each affects write throughput.",
  ),
];

const reasoning: LabelledPrompt[] = [
  p('reasoning', 'low', 'What is 15% of 240?'),
  p('reasoning', 'low', 'Solve for x: 3x + 7 = 22'),
  p('reasoning', 'low', 'is 221 a prime number'),
  p('reasoning', 'low', 'A bat and a ball cost $1.10 in total. The bat costs $1.00 more than the ball. How much does the ball cost?'),
  p(
    'reasoning',
    'medium',
    'A train leaves Chicago at 3pm going 60 mph toward St. Louis, 300 miles away. Another leaves St. Louis at 4pm going 80 mph toward Chicago. At what time do they meet, and how far from Chicago?',
  ),
  p(
    'reasoning',
    'medium',
    "I have 3 red, 4 blue and 5 green marbles in a bag. If I draw two without replacement, what's the probability that both are the same color?",
  ),
  p('reasoning', 'medium', 'Compute the derivative of f(x) = x^2 · sin(x) / e^x and simplify it.'),
  p('reasoning', 'medium', 'If all bloops are razzies and some razzies are lazzies, does it follow that some bloops are lazzies? Explain why or why not.'),
  p('reasoning', 'medium', 'Evaluate ∫₀^∞ x² e^(−x²) dx, showing each step.'),
  p(
    'reasoning',
    'medium',
    'On a 5x5 grid of points, how many shortest paths go from the top-left corner to the bottom-right corner without passing through the center point?',
  ),
  p(
    'reasoning',
    'medium',
    'Should I pay off my 6% student loan or put the money in an index fund that has averaged about 7%? I have $20k spare and a stable job.',
    true,
  ),
  p('reasoning', 'high', 'Prove that there are infinitely many primes of the form 4k + 3.'),
  p(
    'reasoning',
    'high',
    'Prove that every finite integral domain is a field. Then explain whether the statement still holds for infinite integral domains, and give a counterexample if not.',
  ),
  p(
    'reasoning',
    'high',
    "Three gods A, B and C are called True, False and Random, in some order. True always speaks truly, False always falsely, and Random's answers are random. Determine their identities by asking three yes-no questions, each put to exactly one god. The gods answer in their own language, in which 'da' and 'ja' mean yes and no, but you don't know which is which.",
  ),
  p(
    'reasoning',
    'high',
    "A company's revenue grew 12% in year 1, fell 8% in year 2 and grew 15% in year 3. Costs were 70% of revenue in year 1 and fell by 2 percentage points each year after that. If year-0 revenue was $4.2M, what was the cumulative profit over the three years, and what constant annual growth rate would have produced the same year-3 revenue?",
  ),
];

const writing: LabelledPrompt[] = [
  p('writing', 'low', 'Write a short thank-you note to my neighbor for watering my plants while I was away.'),
  p('writing', 'low', 'give me a catchy title for a blog post about sourdough for beginners'),
  p('writing', 'low', 'Write an email to my manager asking to move our 1:1 from Thursday to Friday because of a dentist appointment.'),
  p('writing', 'low', "Rewrite this to sound more formal: 'hey, we gotta push the launch cuz the servers aren't ready'"),
  p(
    'writing',
    'medium',
    'Write a cover letter for a junior data analyst job at a healthcare company. I have a statistics degree and a one-year internship where I used SQL and Tableau. Keep it under 300 words.',
  ),
  p('writing', 'medium', 'Write a poem about autumn in the style of Emily Dickinson.'),
  p(
    'writing',
    'medium',
    "Draft a LinkedIn post announcing that our startup raised a seed round. Tone: humble, grateful, not salesy. Thank our investors Acme Ventures and Foo Capital and mention we're hiring.",
  ),
  p('writing', 'medium', 'Write product descriptions for three scented candles: lavender, cedar and sea salt. About 50 words each, cozy tone.'),
  p(
    'writing',
    'medium',
    "Write a wedding toast for my brother, funny but heartfelt, about 3 minutes long. He met his wife at a climbing gym and he's terrible at directions.",
  ),
  p(
    'writing',
    'medium',
    'Can you make this paragraph clearer? "The methodology that was utilized in the study involved the collection of data from participants, which was subsequently analyzed in order to determine whether there existed a relationship between the variables that were being investigated."',
    true,
  ),
  p(
    'writing',
    'medium',
    'Write a README for my CLI tool csv2json: it converts CSV files to JSON, supports --delimiter and --pretty flags, and can read from stdin.',
    true,
  ),
  p(
    'writing',
    'high',
    "Write a 2,000-word short story set on a generation ship, told by the ship's AI in the second person, with a twist ending that recontextualizes the first paragraph. Avoid clichés like describing the stars as beautiful.",
  ),
  p(
    'writing',
    'high',
    'Write a persuasive essay of about 1500 words arguing for a four-day work week. Address at least three counterarguments with evidence, and end with a concrete policy proposal for a mid-sized company.',
  ),
  p(
    'writing',
    'high',
    'Write the first chapter of a cozy mystery novel set in a seaside bookshop. Introduce the amateur sleuth, the victim and at least three suspects, each with a plausible motive, and plant one clue the reader can notice but will probably miss.',
  ),
];

const summarization: LabelledPrompt[] = [
  p('summarization', 'low', `tldr pls\n\n${PRODUCT_REVIEWS.split('\n').slice(0, 3).join('\n')}`),
  p('summarization', 'low', 'Give me a one-sentence summary of the plot of Hamlet.', true),
  p('summarization', 'low', 'Summarize the French Revolution in a paragraph.', true),
  p('summarization', 'medium', `Summarize this article in 3 bullet points:\n\n${NEWS_ARTICLE}`),
  p('summarization', 'medium', `Can you pull out the key decisions and who owns what from this meeting?\n\n${MEETING_TRANSCRIPT}`),
  p('summarization', 'medium', `Summarize these reviews and group the complaints by theme:\n\n${PRODUCT_REVIEWS}`),
  p('summarization', 'medium', `What are the main points of this?\n\n${NEWS_ARTICLE}`),
  p('summarization', 'medium', `Condense this changelog into short release notes for end users, leave out the internal stuff:\n\n${CHANGELOG}`, true),
  p('summarization', 'medium', `TL;DR of this abstract please\n\n${PAPER_EXCERPT.split('\n\n')[0]}`),
  p(
    'summarization',
    'high',
    `Summarize this paper excerpt for a non-technical audience, then list its methodological limitations and how its findings differ from earlier work:\n\n${PAPER_EXCERPT}`,
  ),
  p(
    'summarization',
    'high',
    `Here are three email threads. Write an executive summary with action items, owners and deadlines, and flag any commitments that conflict with each other.\n\n${EMAIL_THREADS}`,
  ),
  p(
    'summarization',
    'high',
    `Summarize this clause for our CEO and identify the licensee's obligations, the main risks for us as licensee, and anything unusual compared with standard SaaS terms:\n\n${LICENSE_CLAUSE}`,
  ),
];

const translation: LabelledPrompt[] = [
  p('translation', 'low', "Translate 'Where is the train station?' into German."),
  p('translation', 'low', "how do you say 'thank you very much' in Japanese"),
  p('translation', 'low', '¿Puedes traducir esto al inglés? "Me gustaría reservar una mesa para dos personas a las ocho."'),
  p('translation', 'low', '请把下面这段话翻译成英文：我们公司计划在明年第一季度推出新的产品线，主要面向中小企业客户。'),
  p('translation', 'low', 'Переведи на английский: Завтра встреча переносится на 15:00, пожалуйста, подтвердите участие.'),
  p('translation', 'low', "What does 'Schadenfreude' mean in English?", true),
  p('translation', 'low', 'Translate to Korean: "Your order has shipped. It should arrive within 3 business days."'),
  p(
    'translation',
    'medium',
    'Translate this email into French, keeping a formal tone:\n\nDear Mr. Laurent,\nThank you for your quick reply. Unfortunately we will not be able to deliver the samples before the 14th, as our supplier has delayed the shipment. We would be happy to send them by express courier at our expense as soon as they arrive. Please let us know if this works for you.\nBest regards,\nAnna Kowalski',
  ),
  p(
    'translation',
    'medium',
    'Translate these UI strings into Brazilian Portuguese. Keep placeholders like {count} and {name} untouched:\n- "Welcome back, {name}!"\n- "You have {count} unread messages"\n- "Delete this project? This cannot be undone."\n- "Saved just now"',
  ),
  p('translation', 'medium', `Translate this Japanese review into English:\n\n${JAPANESE_REVIEW}`),
  p(
    'translation',
    'high',
    `Translate this clause into Spanish (Spain, not Latin America), preserving the capitalized defined terms and the numbering exactly:\n\n${LICENSE_CLAUSE}`,
  ),
  p(
    'translation',
    'high',
    `Translate this poem into English, keeping the rhyme scheme and meter as close as you can, and explain the choices you had to make:\n\n${PUSHKIN_POEM}`,
  ),
  p(
    'translation',
    'high',
    `Localize our landing page copy for the German market. Not a literal translation: adapt the idioms, keep each line roughly the same length, and flag any claims that could be a problem under German advertising law.\n\n${LANDING_COPY}`,
  ),
];

const chat: LabelledPrompt[] = [
  p('chat', 'low', 'hi!'),
  p('chat', 'low', "What's the capital of Australia?"),
  p('chat', 'low', 'Recommend a good sci-fi book for a long flight.'),
  p('chat', 'low', 'how long should I boil an egg for a runny yolk'),
  p('chat', 'low', 'thanks, that worked!'),
  p('chat', 'low', "Explain how vaccines train the immune system, like I'm 10."),
  p('chat', 'low', 'Who won the 2018 World Cup?'),
  p('chat', 'low', 'What are the symptoms of vitamin D deficiency, and is it worth getting tested?'),
  p('chat', 'medium', "What's the difference between a Roth IRA and a traditional IRA?"),
  p('chat', 'medium', "I'm planning a week in Portugal in October with my partner. We like food and hiking but hate crowds. What itinerary would you suggest?"),
  p('chat', 'medium', 'Compare living in Berlin and Amsterdam for a software engineer with two kids: cost of living, schools, taxes and commuting.'),
  p(
    'chat',
    'high',
    "I'm a first-time manager of 8 engineers. Two of my seniors are in open conflict over architecture decisions, one is threatening to quit, and my director wants a roadmap by Friday. How should I handle the next two weeks, step by step?",
  ),
  p(
    'chat',
    'high',
    'Help me plan a go-to-market strategy for a B2B SaaS for dental clinics: pricing tiers, channels, how to get the first 100 customers and which metrics to watch, given a $50k budget and a team of two.',
    true,
  ),
  p(
    'chat',
    'high',
    'Explain quantum entanglement without oversimplifying. I have an undergrad physics background, so Bell inequalities and density matrices are fine.',
  ),
];

export const LABELLED_PROMPTS: LabelledPrompt[] = [...code, ...reasoning, ...writing, ...summarization, ...translation, ...chat];
