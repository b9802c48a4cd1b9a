// The official `openai` npm client runs OpenAI's batch workflow against a running Switchboard:
// `node batch.mjs <baseUrl> <model>`. Uploads a two-line JSONL file (purpose=batch), creates a batch, polls it until
// it ends, reads the output file and prints one JSON line with what the client saw (OpenAiNodeSdkBatchTest asserts
// on it). Any client error ends the process with a non-zero status.
import OpenAI, { toFile } from 'openai';

const [baseURL, model] = process.argv.slice(2);
if (!baseURL || !model) {
  console.error('usage: node batch.mjs <baseUrl> <model>');
  process.exit(2);
}

const client = new OpenAI({ baseURL, apiKey: 'unused', maxRetries: 0, timeout: 20_000 });

const lines = ['node one', 'node two'].map((prompt, i) => JSON.stringify({
  custom_id: `node-${i + 1}`,
  method: 'POST',
  url: '/v1/chat/completions',
  body: { model, messages: [{ role: 'user', content: prompt }] },
}));
const file = await client.files.create({
  file: await toFile(Buffer.from(lines.join('\n') + '\n'), 'node-batch.jsonl'),
  purpose: 'batch',
});
let batch = await client.batches.create({
  input_file_id: file.id,
  endpoint: '/v1/chat/completions',
  completion_window: '24h',
  metadata: { client: 'node' },
});
const deadline = Date.now() + 60_000;
while (!['completed', 'failed', 'expired', 'cancelled'].includes(batch.status)) {
  if (Date.now() > deadline) throw new Error(`batch still ${batch.status}`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  batch = await client.batches.retrieve(batch.id);
}
const content = await client.files.content(batch.output_file_id);
const output = (await content.text()).trim().split('\n').map((l) => JSON.parse(l));
console.log(JSON.stringify({
  file: file.id,
  purpose: file.purpose,
  batch: batch.id,
  status: batch.status,
  counts: batch.request_counts,
  metadata: batch.metadata,
  answers: output.map((o) => ({ custom_id: o.custom_id, status: o.response.status_code,
    text: o.response.body.choices[0].message.content })),
}));
