/**
 * Held-out prompts: labelled with the same guide as labelled-prompts.ts and written at the same
 * time, but kept out of sight while the rules were adjusted, so their accuracy estimates how the
 * classifier does on prompts it was not shaped by.
 */
import { MEETING_TRANSCRIPT, NEWS_ARTICLE } from './labelled-passages.js';
import { p, type LabelledPrompt } from './labelled-prompts.js';

export const HOLDOUT_PROMPTS: LabelledPrompt[] = [
  p('code', 'low', 'how to center a div horizontally and vertically'),
  p(
    'code',
    'medium',
    'My Jest test passes locally but fails in CI with "Timeout - Async callback was not invoked within the 5000 ms timeout". The test awaits a database call. Ideas?',
  ),
  p('code', 'medium', 'Write a Dockerfile for a Node 20 app that uses pnpm, with a multi-stage build so the final image has no dev dependencies.'),
  p(
    'code',
    'high',
    'Design the schema and the API for a multi-tenant feature-flag service: percentage rollouts, per-user overrides, audit history, and evaluation in under 1 ms at the edge. Show the main data structures in TypeScript and explain how flags propagate to edge nodes.',
  ),
  p('reasoning', 'low', 'whats 17 * 23'),
  p(
    'reasoning',
    'medium',
    'If a recipe for 4 people needs 250 g of flour and 3 eggs, how much of each do I need for 10 people, and how should I handle the half egg?',
  ),
  p('reasoning', 'medium', 'Which is bigger, 2^100 or 10^30? Explain without a calculator.'),
  p('reasoning', 'high', 'Show that the sum of the reciprocals of the primes diverges.'),
  p('writing', 'low', 'Write a two-line birthday message for a coworker I barely know.'),
  p(
    'writing',
    'medium',
    'Write a short bio for my conference talk page, third person, about 80 words. I am a backend engineer at a fintech, I like distributed tracing and bad puns.',
  ),
  p('writing', 'medium', 'Turn these notes into a friendly email to the team: offsite moved to May 14, bring laptops, lunch provided, RSVP by Friday.'),
  p(
    'writing',
    'high',
    "Write a screenplay scene (about 5 pages) where two estranged sisters meet at their father's funeral. Subtext only: neither mentions the inheritance directly, but it drives every line.",
  ),
  p('summarization', 'low', 'sum up the plot of The Matrix in two sentences', true),
  p('summarization', 'medium', `Give me the gist of this in plain English:\n\n${NEWS_ARTICLE}`),
  p('summarization', 'medium', `Recap this meeting for someone who missed it:\n\n${MEETING_TRANSCRIPT}`),
  p(
    'summarization',
    'high',
    `Summarize this for the city's transport committee: give each side's arguments, the funding breakdown as a table, and the open questions the committee still has to decide.\n\n${NEWS_ARTICLE}`,
  ),
  p('translation', 'low', 'Traduis en anglais : « Je suis désolé, je ne parle pas bien français. »'),
  p('translation', 'low', "what's 'good morning' in italian?"),
  p(
    'translation',
    'medium',
    'Translate the following into Arabic, formal register, for a hotel welcome card: "Welcome! Breakfast is served from 7 to 10 in the garden restaurant. Please call reception for anything you need."',
  ),
  p(
    'translation',
    'high',
    'Translate this Hindi speech excerpt into English, preserving the rhetorical devices, and add footnotes where a cultural reference would be lost: "भाइयों और बहनों, आज हम उस मोड़ पर खड़े हैं जहाँ से इतिहास दो रास्तों में बँटता है। एक रास्ता डर का है, दूसरा विश्वास का।"',
  ),
  p('chat', 'low', 'good morning! how are you today?'),
  p('chat', 'low', 'what time zone is Chicago in'),
  p('chat', 'medium', 'My cat keeps scratching the sofa even though she has two scratching posts. What can I try?'),
  p(
    'chat',
    'high',
    "I'm 45, I have $300k saved, a mortgage with 15 years left at 3.1%, and two kids who'll start college in 6 and 8 years. Walk me through how to think about retiring at 58, what the main risks are, and what I should ask a financial planner.",
    true,
  ),
];
