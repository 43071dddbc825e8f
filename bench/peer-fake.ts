import { FakeOpenAi } from '../server/src/modules/gateway/__tests__/fakes/fake-openai.js';

/**
 * Child process of `pnpm bench peer`: the fake OpenAI provider every contender calls, in its own
 * process so its CPU is not the bench's or a gateway's. Tells the parent its base URL, then answers
 * `count` with how many chat completions it has served. The fake records every request for tests'
 * assertions; here that list is emptied every 100 ms (a long run would otherwise fill memory).
 */
const fake = await FakeOpenAi.start();
let served = 0;
const drain = () => {
  served += fake.requests.filter((r) => r.path === '/v1/chat/completions').length;
  fake.requests.length = 0;
};
setInterval(drain, 100).unref();
process.on('message', (msg: { cmd: string }) => {
  if (msg.cmd === 'count') {
    drain();
    process.send!({ served });
  }
});
process.on('disconnect', () => void fake.close().finally(() => process.exit(0)));
process.send!({ baseURL: fake.baseURL });
