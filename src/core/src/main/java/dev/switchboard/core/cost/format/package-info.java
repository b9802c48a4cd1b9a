/**
 * The cost-record line formats: a contract shared with the Terraform dashboards, alarms and log filters, so key
 * names, metric names and units do not change.
 *
 * <ul>
 *   <li>{@link dev.switchboard.core.cost.format.JsonLinesFormat}: the canonical
 *       {@link dev.switchboard.core.cost.CostRecordJson} object, one per line (local files).</li>
 *   <li>{@link dev.switchboard.core.cost.format.EmfFormat}: CloudWatch Embedded Metric Format on stdout (Lambda).</li>
 *   <li>{@link dev.switchboard.core.cost.format.CloudLoggingFormat}: Cloud Logging structured JSON on stdout
 *       (Cloud Run / Cloud Functions).</li>
 * </ul>
 *
 * Every line is a single line of JSON carrying every canonical field, and nothing of a prompt, a completion or a key.
 */
package dev.switchboard.core.cost.format;
