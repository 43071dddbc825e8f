/**
 * Long pasted inputs for the labelled prompts: what users really paste before "summarize this" or
 * "translate this". Kept apart so the prompt list stays readable. All text is invented for the test,
 * except the Pushkin poem (1829, public domain).
 */

export const NEWS_ARTICLE = `City Council Approves $14 Million Plan for Protected Bike Lanes

After nearly four hours of public comment on Tuesday night, the city council voted 7-2 to approve a plan that will add 38 miles of protected bike lanes over the next five years. The plan, first proposed by the transportation department in 2022, prioritizes corridors with the highest rates of cyclist injuries, including Fifth Avenue, Harbor Boulevard and the stretch of Route 9 that runs past the university.

Supporters, many of whom wore green shirts reading "Safe Streets Now", pointed to last year's six cyclist fatalities, the highest number in a decade. "Paint is not protection," said Dana Whitfield, whose son was injured on Harbor Boulevard in 2023. Business owners along Fifth Avenue were more divided. Several restaurant owners said that losing 120 on-street parking spaces would hurt their evening trade, while the Fifth Avenue Merchants Association issued a statement supporting the plan on the condition that loading zones be preserved.

The two council members who voted against the plan, Greg Tallis and Maria Ocampo, said they supported bike safety but objected to the cost and the timeline. Tallis proposed an amendment to fund only the first two corridors and revisit the rest in 2027; it failed 3-6. Funding will come from a mix of a federal Safe Streets grant ($8.5 million), the city's capital budget ($4 million) and a state transportation fund ($1.5 million). Construction on Harbor Boulevard is expected to begin next spring.`;

export const MEETING_TRANSCRIPT = `Priya: OK let's start, we have 30 minutes. First item, the mobile release.
Tom: We're still blocked on the crash in the onboarding flow on Android 12. I think it's the WebView version, QA can reproduce it on two of the five test devices.
Priya: Can we ship without the new onboarding and keep the old one behind the flag?
Tom: Yes, that's doable, it's maybe half a day to make the flag default to off.
Priya: Let's do that. Release goes out Thursday with the old onboarding. Tom, you own the flag change.
Lena: On the pricing page, marketing wants the annual discount moved from 15 to 20 percent before the campaign on the 12th.
Priya: Finance hasn't signed off on 20. Lena, can you get a yes or no from Marcus by Wednesday? If it's no we stay at 15.
Lena: Sure. Also the analytics dashboard is double-counting trial signups since the last deploy.
Tom: That's the event we added on the confirmation screen, it fires on reload. I can dedupe on the server side.
Priya: Please do, but after the release. Last thing, the offsite: we're going with the Lisbon option, Lena will send the dates. Anything else? No? Thanks all.`;

export const PAPER_EXCERPT = `Abstract. Sleep is thought to support the consolidation of declarative memories, but the contribution of specific sleep stages remains debated. We recruited 64 healthy adults (aged 19-34) who learned 120 word pairs in the evening and were tested after either a night of polysomnographically monitored sleep or a night of supervised wakefulness, with a crossover design separated by two weeks. Recall after sleep exceeded recall after wakefulness by 11.2 percentage points (95% CI 7.9-14.5). The retention benefit correlated with the density of sleep spindles during N2 sleep (r = 0.41) but not with the duration of slow-wave sleep or REM sleep. A targeted memory reactivation condition, in which sound cues associated with half of the word pairs were replayed during N2, improved recall of cued pairs by a further 4.1 points.

Introduction (excerpt). Earlier studies have mostly attributed the consolidation benefit to slow-wave sleep, based on correlations between slow-wave duration and overnight retention (Plihal & Born, 1997; Rasch et al., 2007). However, those studies used between-subject designs with small samples, and several later replications found weaker effects. Spindle density, by contrast, is a stable individual trait, which complicates causal interpretation: people with more spindles may simply be better learners. Our crossover design addresses part of this problem, although participants were not blinded to the sleep condition, and the wake condition involved mild sleep deprivation, which could itself impair recall.`;

export const PRODUCT_REVIEWS = `★★★★★ "Sound is great for the price and the case is tiny. Battery lasts my whole commute both ways for a week."
★★☆☆☆ "Left earbud keeps disconnecting after about 20 minutes. Support told me to reset them, didn't help."
★★★☆☆ "Good sound but the touch controls are way too sensitive, I pause my music every time I adjust them."
★☆☆☆☆ "Stopped charging after 3 months. The case light blinks red and nothing works. Warranty claim still pending after 2 weeks."
★★★★☆ "Noise cancelling is decent on the train, not amazing. Fit is comfortable with the small tips."
★★☆☆☆ "Microphone is terrible on calls, people say I sound like I'm in a tunnel."
★★★★☆ "Love them for the gym, they don't fall out. Wish the app let me change the EQ more."
★★☆☆☆ "Right earbud disconnects randomly, same as other reviews. Also the app needs an account just to update firmware??"`;

export const EMAIL_THREADS = `Thread 1 — Subject: Re: Q3 vendor renewal
From: Carla (Procurement): The DataPipe contract renews automatically on Sept 30 unless we give 60 days' notice. That means we need to decide by Aug 1.
From: Mike (Engineering): We want to move to the in-house pipeline, but it won't be production-ready until October at the earliest.
From: Carla: Then we either renew for a full year or negotiate a 3-month extension. DataPipe said extensions cost 40% more per month.

Thread 2 — Subject: Hiring plan
From: Jen (HR): Finance approved two backend roles and one data engineer for Q3. Offers need to go out by Aug 15 to hit the start dates.
From: Mike: I'd rather swap one backend role for a second data engineer given the pipeline migration.
From: Jen: That needs a new approval from finance; Raj can sign off but he's out until Aug 5.

Thread 3 — Subject: Pipeline migration timeline
From: Mike: Revised plan: migration starts Sept 1, cutover Oct 15, DataPipe can be switched off Nov 1.
From: Sam (Data): That assumes the two new data engineers start by Sept 1. With one, I'd push cutover to mid-November.
From: Mike: Noted. I'll confirm the plan once hiring is settled.`;

export const CHANGELOG = `v4.2.0
- feat(sync): conflict resolution now keeps both versions and marks the newer one (#1432)
- feat(export): PDF export supports custom page sizes (#1398)
- fix(auth): refresh token no longer expires early when the device clock is behind (#1450)
- fix(editor): pasting from Google Docs keeps bullet indentation (#1411)
- fix(editor): undo after drag-and-drop restores the original position (#1455)
- perf(search): index rebuild 3x faster on large workspaces (#1402)
- chore(deps): bump electron from 28.1 to 29.0
- chore(ci): split e2e tests into 4 shards
- refactor(sync): move retry logic into SyncQueue class
- docs: update self-hosting guide for Postgres 16`;

export const LICENSE_CLAUSE = `12. Indemnification. 12.1 The Licensee shall indemnify, defend and hold harmless the Licensor and its Affiliates from and against any and all Losses arising out of or in connection with (a) any use of the Software by the Licensee other than in accordance with this Agreement, (b) any breach by the Licensee of Clause 7 (Confidentiality), or (c) any claim that Licensee Data infringes the Intellectual Property Rights of a third party. 12.2 The Licensor's aggregate liability under this Clause 12 shall not exceed the Fees paid in the twelve (12) months preceding the claim, save that no limitation shall apply to Losses arising from the Licensor's gross negligence or wilful misconduct. 12.3 The indemnified Party shall give prompt written notice of any claim and shall not settle any claim without the prior written consent of the indemnifying Party, such consent not to be unreasonably withheld.`;

export const LANDING_COPY = `Headline: Your books, done before your coffee gets cold.
Subhead: Ledgerly connects to your bank, sorts every transaction and gets your VAT return ready in minutes — no accountant-speak, no spreadsheets.
Bullet 1: Snap a receipt, we do the rest. 99% of receipts matched automatically.
Bullet 2: Tax deadlines? We remind you two weeks early and file with one click.
Bullet 3: The cheapest plan on the market — guaranteed.
CTA: Start your free 30-day trial`;

export const JAPANESE_REVIEW = `このコーヒーメーカーは毎朝使っています。操作は簡単で、タイマー機能がとても便利です。ただ、水タンクが小さいので、二人分を作るたびに水を足さなければなりません。また、洗うときに部品が多くて少し面倒です。味には満足しているので、星四つにします。`;

export const PUSHKIN_POEM = `Я вас любил: любовь ещё, быть может,
В душе моей угасла не совсем;
Но пусть она вас больше не тревожит;
Я не хочу печалить вас ничем.
Я вас любил безмолвно, безнадежно,
То робостью, то ревностью томим;
Я вас любил так искренно, так нежно,
Как дай вам Бог любимой быть другим.`;
