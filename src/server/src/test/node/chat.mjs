// The official `openai` npm client against a running Switchboard: `node chat.mjs <baseUrl> <provider>...`.
// For each provider: a chat, a stream with usage, and a tool call round trip (streamed through the SDK's own
// accumulator). Prints one JSON line per case with what the client saw; OpenAiNodeSdkTest asserts on those lines.
// Any client error ends the process with a non-zero status.
import OpenAI from 'openai';

const [baseURL, ...providers] = process.argv.slice(2);
if (!baseURL || providers.length === 0) {
  console.error('usage: node chat.mjs <baseUrl> <provider>...');
  process.exit(2);
}

const client = new OpenAI({ baseURL, apiKey: 'unused', maxRetries: 0, timeout: 20_000 });

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city', 'unit'],
    },
  },
};

function report(provider, kind, fields) {
  console.log(JSON.stringify({ provider, case: kind, ...fields }));
}

async function chat(provider) {
  const { data, response } = await client.chat.completions
    .create({ model: `${provider}/emulator-1`, messages: [{ role: 'user', content: 'hello from node' }] })
    .withResponse();
  report(provider, 'chat', {
    model: data.model,
    text: data.choices[0].message.content,
    finish: data.choices[0].finish_reason,
    usage: data.usage,
    target: response.headers.get('x-switchboard-target'),
  });
}

async function stream(provider) {
  const chunks = await client.chat.completions.create({
    model: `${provider}/emulator-1`,
    messages: [{ role: 'user', content: 'stream from node' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let finish = null;
  let usage = null;
  let count = 0;
  for await (const chunk of chunks) {
    count++;
    for (const choice of chunk.choices) {
      text += choice.delta?.content ?? '';
      finish = choice.finish_reason ?? finish;
    }
    if (chunk.usage) usage = chunk.usage;
  }
  report(provider, 'stream', { text, finish, usage, chunks: count });
}

async function tools(provider) {
  const model = `${provider}/emulator-1`;
  const question = { role: 'user', content: 'What is the weather in Paris?' };
  // the SDK's stream helper reassembles the argument deltas into one tool call
  const runner = client.chat.completions.stream({ model, messages: [question], tools: [weatherTool] });
  const first = await runner.finalChatCompletion();
  const call = first.choices[0].message.tool_calls[0];
  const second = await client.chat.completions.create({
    model,
    tools: [weatherTool],
    messages: [
      question,
      first.choices[0].message,
      { role: 'tool', tool_call_id: call.id, content: '18 degrees and sunny' },
    ],
  });
  report(provider, 'tools', {
    finish: first.choices[0].finish_reason,
    name: call.function.name,
    arguments: JSON.parse(call.function.arguments),
    answer: second.choices[0].message.content,
  });
}

for (const provider of providers) {
  await chat(provider);
  await stream(provider);
  await tools(provider);
}
