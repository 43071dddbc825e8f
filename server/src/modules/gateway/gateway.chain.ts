import type { Candidate } from './gateway.plan.js';

/**
 * The models a call may be served by, in order. The first is quoted at once (the hold needs its
 * worst case); the fallbacks only when a provider fails and the call moves on (`at` past the
 * first), so a call its first provider serves counts its tokens once and quotes nothing else.
 */
export class CandidateChain {
  private expanding: Promise<void> | null = null;

  constructor(
    private readonly list: Candidate[],
    private expand: (() => Promise<Candidate[]>) | null,
    private readonly price: (c: Candidate) => Candidate = (c) => c,
  ) {}

  get first(): Candidate {
    return this.list[0]!;
  }

  /** The i-th candidate (0: the first), quoting the fallbacks on the first ask past the known ones. */
  async at(i: number): Promise<Candidate | undefined> {
    if (i >= this.list.length && this.expand) {
      this.expanding ??= this.expand().then((more) => void this.list.push(...more.map(this.price)));
      this.expand = null;
      await this.expanding;
    }
    return this.list[i];
  }

  /** The same chain with every candidate, known or quoted later, passed through `price`. */
  priced(price: (c: Candidate) => Candidate): CandidateChain {
    return new CandidateChain(this.list.map(price), this.expand, (c) => price(this.price(c)));
  }
}
