#!/usr/bin/env python3
"""Derives Switchboard's bundled price snapshot from LiteLLM's model_prices_and_context_window.json.

A refresh is a new snapshot with a new version id: run this on a newer LiteLLM file, review the diff of
prices.json, commit both. Nothing is ever fetched at run time.

    python3 deploy/pricing/derive.py /path/to/model_prices_and_context_window.json --commit 8442b93

Keeps only what the core's cost function and routing use:
  * entries of the provider families Switchboard speaks to (openai, azure, anthropic, gemini, vertex_ai*,
    bedrock, bedrock_converse) in a text-generation mode (chat, completion, responses);
  * of those, entries with at least one per-token price (Bedrock provisioned-throughput, per-character
    and per-session entries cannot price token usage);
  * per entry, the per-token rates, their long-context tiers (`_above_<N>k_tokens`) and batch rates
    (`_batches`), the token limits, five capability flags, deprecation_date, litellm_provider and mode.
Priority/flex rates, audio/image/video rates and everything else are left out.

Then one explicit, versioned rule (BATCH_RULE below) fills in batch rates the source lacks: each provider documents
its batch API at half its on-demand price, for the models it lists. Only input/output rates (and their long-context
tiers) are derived, only where the source states none, only for models matching the provider's rule; every other
batch price stays unknown. A derived entry says so (`batch_rule`), and the rule's version is part of the table's.

Prices are copied as exact decimals (the source text is parsed as Decimal, never through float).
Output is deterministic: entries sorted by key, one entry per line, so a refresh diffs line by line.
"""
import argparse
import hashlib
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

PROVIDERS = {"openai", "text-completion-openai", "azure", "azure_text", "anthropic", "gemini",
             "bedrock", "bedrock_converse"}
PROVIDER_PREFIXES = ("vertex_ai",)  # vertex_ai, vertex_ai-language-models, vertex_ai-anthropic_models, ...
MODES = {"chat", "completion", "responses"}

RATES = ["input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost",
         "cache_creation_input_token_cost", "cache_creation_input_token_cost_above_1hr",
         "output_cost_per_reasoning_token"]
# a rate, optionally for a long-context tier, optionally at batch price; nothing else (no _priority, _flex)
RATE_FIELD = re.compile(r"^(" + "|".join(RATES) + r")(_above_\d+k_tokens)?(_batches)?$")
INT_FIELDS = {"max_input_tokens", "max_output_tokens"}
FLAG_FIELDS = {"supports_vision", "supports_function_calling", "supports_response_schema",
               "supports_reasoning", "supports_prompt_caching"}
TEXT_FIELDS = {"litellm_provider", "mode", "batch_rule"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PER_TOKEN = {"input_cost_per_token", "output_cost_per_token"}


# The batch-discount rule. Bump BATCH_RULE_VERSION whenever a factor, pattern or source changes: the table's version
# changes with it, so every cost record says which rule priced it.
BATCH_RULE_VERSION = "batch1"
EXCLUDED = r"(realtime|audio|search|transcribe|tts|image|computer-use|deep-research|live|embedding|exp-|-exp|gemma)"
# what may follow a listed model name: versions, dates, sizes; anything else (codex, pro, chat, vision, ...) is a
# different model whose batch support is not assumed
SUFFIX = r"(\.\d+|-(mini|nano|turbo|lite|preview|latest|\d+k?|\d{4}-\d{2}-\d{2}))*"
GEMINI = r"gemini-(2\.0-flash|2\.5-(pro|flash)|3(\.\d+)?-(pro|flash))"
BATCH_RULE = [
    # OpenAI Batch API: "50% cost discount compared to synchronous APIs", chat models of the pricing page's Batch table.
    # https://platform.openai.com/docs/guides/batch , https://openai.com/api/pricing/
    {"providers": {"openai"}, "factor": Decimal("0.5"),
     "model": r"(gpt-4o|gpt-4\.1|gpt-4-turbo|gpt-4|gpt-3\.5-turbo|gpt-5|o1|o3|o4-mini)" + SUFFIX,
     "source": "https://platform.openai.com/docs/guides/batch"},
    # Azure OpenAI global batch: "50% less cost than global standard"; global deployments only (azure/<model>,
    # azure/global/<model>); data-zone and regional entries stay unknown.
    # https://learn.microsoft.com/azure/ai-foundry/openai/how-to/batch
    {"providers": {"azure"}, "factor": Decimal("0.5"), "key": r"azure/(global/)?[^/]+",
     "model": r"(gpt-4o|gpt-4\.1|gpt-4-turbo|gpt-35-turbo|gpt-5|o3-mini|o3|o4-mini)" + SUFFIX,
     "source": "https://learn.microsoft.com/azure/ai-foundry/openai/how-to/batch"},
    # Anthropic Message Batches: "50% of standard API prices", all active Claude 3 and later models.
    # https://docs.anthropic.com/en/docs/build-with-claude/batch-processing
    {"providers": {"anthropic"}, "factor": Decimal("0.5"),
     "model": r"claude-(3-|3-5-|3-7-|4-|haiku-4|sonnet-4|opus-4).*",
     "source": "https://docs.anthropic.com/en/docs/build-with-claude/batch-processing"},
    # Gemini API batch mode: "at 50% of the standard cost".
    # https://ai.google.dev/gemini-api/docs/batch-mode
    {"providers": {"gemini"}, "factor": Decimal("0.5"), "model": GEMINI + SUFFIX,
     "source": "https://ai.google.dev/gemini-api/docs/batch-mode"},
    # Vertex AI batch prediction for Gemini: "a 50% discount" off real-time; Gemini models only (Claude and open
    # models on Vertex stay unknown).
    # https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/batch-prediction-gemini
    {"providers": {"vertex_ai"}, "factor": Decimal("0.5"), "model": GEMINI + SUFFIX + r"(@\d+)?",
     "source": "https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/batch-prediction-gemini"},
    # Bedrock batch inference: "50% lower price compared to on-demand" for the models of its supported list
    # (Claude 3+, Llama 3.x, Nova); GovCloud regions stay unknown.
    # https://aws.amazon.com/bedrock/pricing/ ,
    # https://docs.aws.amazon.com/bedrock/latest/userguide/batch-inference-supported.html
    {"providers": {"bedrock", "bedrock_converse"}, "factor": Decimal("0.5"), "key": r"(?!.*us-gov).*",
     "model": r"((us|eu|apac|au|jp|global)\.)?(anthropic\.claude-(3-|3-5-|3-7-|haiku-4|sonnet-4|opus-4)"
              r"|meta\.llama3|amazon\.nova-(micro|lite|pro|premier)).*",
     "source": "https://docs.aws.amazon.com/bedrock/latest/userguide/batch-inference-supported.html"},
]
BATCHABLE = re.compile(r"^(input_cost_per_token|output_cost_per_token)(_above_\d+k_tokens)?$")


def batch_rule(key, entry):
    """The rule that gives this entry batch rates, or None."""
    provider = entry.get("litellm_provider", "")
    family = "vertex_ai" if provider.startswith("vertex_ai") else provider
    model = key.rsplit("/", 1)[-1]
    for rule in BATCH_RULE:
        if family not in rule["providers"]:
            continue
        if "key" in rule and not re.fullmatch(rule["key"], key):
            continue
        if re.fullmatch(rule["model"], model) and not re.search(EXCLUDED, model):
            return rule
    return None


def apply_batch_rule(key, entry):
    """Adds the missing batch input/output rates the rule derives; True when it added any."""
    rule = batch_rule(key, entry)
    if rule is None:
        return False
    added = False
    for field in sorted(entry):
        if BATCHABLE.match(field) and field + "_batches" not in entry:
            entry[field + "_batches"] = entry[field] * rule["factor"]
            added = True
    if added:
        entry["batch_rule"] = f"{BATCH_RULE_VERSION}: x{rule['factor']} of on-demand, {rule['source']}"
    return added


def wanted(entry):
    provider = entry.get("litellm_provider")
    if not isinstance(provider, str):
        return False
    if provider not in PROVIDERS and not provider.startswith(PROVIDER_PREFIXES):
        return False
    return entry.get("mode") in MODES and any(f in entry for f in PER_TOKEN)


def slim(key, entry, problems):
    out = {}
    for field, value in entry.items():
        if RATE_FIELD.match(field):
            if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or value < 0:
                problems.append(f"{key}: {field}={value!r} is not a price, dropped")
                continue
            out[field] = Decimal(value)
        elif field in INT_FIELDS:
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                problems.append(f"{key}: {field}={value!r} is not a token count, dropped")
                continue
            out[field] = value
        elif field in FLAG_FIELDS:
            if isinstance(value, bool):
                out[field] = value
        elif field == "deprecation_date":
            if isinstance(value, str) and DATE.match(value):
                out[field] = value
            else:
                problems.append(f"{key}: deprecation_date={value!r} is not YYYY-MM-DD, dropped")
        elif field in TEXT_FIELDS:
            out[field] = value
    return out


def scalar(value):
    if isinstance(value, Decimal):
        # plain notation, no exponent and no trailing zeros: 3e-06 -> 0.000003
        text = format(value.normalize(), "f")
        return text if text not in ("-0", "") else "0"
    return json.dumps(value, ensure_ascii=False)


def entry_line(key, entry):
    body = ", ".join(f"{json.dumps(f)}: {scalar(entry[f])}" for f in sorted(entry))
    return f"    {json.dumps(key, ensure_ascii=False)}: {{{body}}}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path, help="LiteLLM model_prices_and_context_window.json")
    ap.add_argument("--commit", required=True, help="short commit of the repository the file was taken from")
    ap.add_argument("--repository", default="RoCry/llm-api-price",
                    help="repository the file was taken from (default: the unmodified mirror RoCry/llm-api-price)")
    ap.add_argument("--date", help="YYYY-MM-DD of the source; default: the mirror's last_updated key")
    ap.add_argument("--license", type=Path, help="LiteLLM's LICENSE text (default: LICENSE.litellm next to the source)")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[2]
                    / "src/core/src/main/resources/switchboard/pricing/prices.json")
    args = ap.parse_args()

    raw = args.source.read_bytes()
    source = json.loads(raw, parse_float=Decimal)
    date = args.date or str(source.get("last_updated", ""))[:10]
    if not DATE.match(date):
        sys.exit("no date: the source has no last_updated key; pass --date YYYY-MM-DD")
    if not re.fullmatch(r"[0-9a-f]{7,40}", args.commit):
        sys.exit("--commit must be a hex commit id")
    license_path = args.license or args.source.with_name("LICENSE.litellm")
    license_text = license_path.read_text(encoding="utf-8")
    if "Berri AI" not in license_text or "MIT" not in license_text:
        sys.exit(f"{license_path} does not look like LiteLLM's MIT licence")

    problems = []
    models = {}
    for key, entry in source.items():
        if key == "sample_spec" or not isinstance(entry, dict) or not wanted(entry):
            continue
        models[key] = slim(key, entry, problems)
    derived = sum(1 for k in models if apply_batch_rule(k, models[k]))

    version = f"litellm-{date}-{args.commit[:7]}+{BATCH_RULE_VERSION}"
    header = {
        "version": version,
        "source": (f"LiteLLM model_prices_and_context_window.json (github.com/BerriAI/litellm), as published by "
                   f"github.com/{args.repository} at commit {args.commit}, last updated {date}; derived by "
                   f"deploy/pricing/derive.py"),
        "source_sha256": hashlib.sha256(raw).hexdigest(),
        "source_entries": sum(1 for k, v in source.items() if isinstance(v, dict) and k != "sample_spec"),
        "entries": len(models),
        "batch_rule": (f"{BATCH_RULE_VERSION}: {derived} entries got batch input/output rates at the providers' "
                       f"documented batch discount (see BATCH_RULE in deploy/pricing/derive.py); other batch prices "
                       f"are the source's or unknown"),
        "units": "USD per token; long-context tiers apply when a request's input tokens exceed N*1000",
        "_license": ("Prices and model metadata derived from LiteLLM, Copyright (c) 2023 Berri AI, MIT licence. "
                     "The licence text follows and is also in LICENSE.litellm next to this file.\n\n" + license_text),
    }
    lines = ["{"]
    lines += [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in header.items()]
    lines.append('  "models": {')
    lines.append(",\n".join(entry_line(k, models[k]) for k in sorted(models)))
    lines.append("  }")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # the output must be valid JSON

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    args.out.with_name("LICENSE.litellm").write_text(license_text, encoding="utf-8")
    for p in problems:
        print("warning:", p, file=sys.stderr)
    print(f"{version}: {len(models)} of {header['source_entries']} entries ({derived} with derived batch rates), "
          f"{len(text.encode())} bytes -> {args.out}")


if __name__ == "__main__":
    main()
