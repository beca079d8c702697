// The workspace's settings for routing, business hours and SLAs (issue #8): REST schemas the
// coordinator validates with and serves to the owner and (routing) to every device. The rules'
// keywords are the owner's words, never a customer's.
import { z } from 'zod';
import { MAX_OVERRIDES, MAX_PERIODS_PER_DAY, WEEKDAYS, hoursProblems, type BusinessHours } from './domain/hours';
import { ROUTING_MODES } from './domain/routing';
import { MAX_MENU_OPTIONS } from './domain/automatic';

const id = z.string().min(1).max(64);
const tagName = z.string().trim().min(1).max(40);

// ---- routing
const ruleId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '1 to 40 letters, digits, "-" or "_"');
export const RuleConditions = z.strictObject({
  /** Any one of them, as a whole word or phrase, case and accents ignored (read in the browser). */
  keywords: z.array(z.string().trim().min(1).max(60)).min(1).max(30).optional(),
  /** ISO 639-1 codes of the first message's language (detected in the browser). */
  languages: z
    .array(z.string().regex(/^[a-z]{2}$/, 'a two-letter language code (ISO 639-1)'))
    .min(1)
    .max(20)
    .optional(),
  /** The conversation carries any one of these tags. */
  tags: z.array(tagName).min(1).max(20).optional(),
});
export const RuleTarget = z.union([z.strictObject({ agentId: id }), z.strictObject({ skill: tagName })]);
export const RoutingRuleInput = z.strictObject({
  /** Kept when given; the coordinator names new rules. */
  id: ruleId.optional(),
  name: z.string().trim().min(1).max(60),
  /** All the given conditions must hold; a rule with none matches every chat (a catch-all). */
  when: RuleConditions.default({}),
  target: RuleTarget,
});
export const RoutingRuleView = RoutingRuleInput.extend({ id: ruleId, when: RuleConditions });
export type RoutingRuleView = z.infer<typeof RoutingRuleView>;

export const RoutingSettingsBody = z.strictObject({
  /** `rules`: the rules first, then `then` for whatever no rule sends. */
  mode: z.enum(ROUTING_MODES),
  rules: z.array(RoutingRuleInput).max(50).default([]),
  then: z.enum(['round_robin', 'balanced']).default('round_robin'),
  /** In `rules` mode: a returning customer goes back to the agent who last had them, if online. */
  backToLastAgent: z.boolean().default(false),
  /** Hand a chat on (or tell the owner) when its assignee has not replied for this long. */
  reassignAfterMinutes: z.number().int().min(1).max(1440).nullable().default(null),
  onNoReply: z.enum(['reassign', 'notify']).default('reassign'),
});
export const RoutingSettings = RoutingSettingsBody.extend({ rules: z.array(RoutingRuleView) });
export type RoutingSettings = z.infer<typeof RoutingSettings>;

// ---- business hours
const hhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time as HH:MM (00:00 to 24:00)');
const period = z.strictObject({ from: hhmm, to: hhmm });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const BusinessHoursBody = z
  .strictObject({
    timezone: z.string().min(1).max(64),
    weekly: z.partialRecord(z.enum(WEEKDAYS), z.array(period).max(MAX_PERIODS_PER_DAY)),
    overrides: z
      .array(
        z.strictObject({
          date: isoDate,
          yearly: z.boolean().optional(),
          closed: z.boolean().optional(),
          periods: z.array(period).max(MAX_PERIODS_PER_DAY).optional(),
          label: z.string().trim().min(1).max(80).optional(),
        }),
      )
      .max(MAX_OVERRIDES)
      .default([]),
  })
  // One set of rules for what makes hours valid: shared/domain/hours.ts.
  .superRefine((hours, ctx) => {
    for (const problem of hoursProblems(hours as BusinessHours)) ctx.addIssue({ code: 'custom', message: problem });
  });
export type BusinessHoursBody = z.infer<typeof BusinessHoursBody>;

// ---- SLAs
const minutes = z.number().int().min(1).max(60 * 24 * 30);
export const SlaBody = z
  .strictObject({
    policies: z
      .array(
        z.strictObject({
          /** Applies to conversations with this tag (tighter targets for VIPs); none: the default. */
          tag: tagName.optional(),
          firstResponseMinutes: minutes.optional(),
          nextResponseMinutes: minutes.optional(),
          resolutionMinutes: minutes.optional(),
          /** Count only business hours (true) or the wall clock. */
          businessHours: z.boolean().default(true),
        }),
      )
      .max(20),
  })
  .superRefine(({ policies }, ctx) => {
    const seen = new Set<string>();
    for (const p of policies) {
      const key = p.tag ?? '';
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: p.tag ? `Two policies for the tag "${p.tag}"` : 'Two default policies (without a tag)' });
      seen.add(key);
    }
  });
export type SlaSettings = z.infer<typeof SlaBody>;

/** Reported by the device that read the first customer message: outcomes only. */
export const TriageBody = z.strictObject({
  /** Ids of the rules whose keyword and language conditions hold (shared/domain/rules.ts). */
  ruleIds: z.array(ruleId).max(50).default([]),
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .nullable()
    .default(null),
});
export type TriageBody = z.infer<typeof TriageBody>;

// ---- automatic messages (issue #8): sent by one device on the business's behalf, never a reply
const automaticText = z.string().trim().min(1).max(1000);
export const AutomaticSettingsBody = z.strictObject({
  /** To the first customer message of an episode, while the business is open. */
  greeting: z.strictObject({ enabled: z.boolean(), text: automaticText }),
  /** To the first customer message of an episode, while the business is closed (business hours). */
  away: z.strictObject({ enabled: z.boolean(), text: automaticText }),
  /**
   * In `rules` mode, instead of the greeting: the text, then the options numbered from 1
   * ("How can we help? 1 Sales, 2 Support"). The customer's number routes the chat to the
   * option's skill group; only the number leaves the browser.
   */
  menu: z
    .strictObject({
      enabled: z.boolean(),
      text: automaticText,
      options: z
        .array(z.strictObject({ label: z.string().trim().min(1).max(40), skill: tagName }))
        .min(1)
        .max(MAX_MENU_OPTIONS),
    })
    .optional(),
  /** After an agent resolves a chat: a question answered with a digit from 1 to 5, recorded against that agent. */
  satisfaction: z.strictObject({ enabled: z.boolean(), text: automaticText }).optional(),
});
export type AutomaticSettingsBody = z.infer<typeof AutomaticSettingsBody>;
/** With every message present (as stored and served): a body without the menu or the satisfaction question leaves them off. */
export const AutomaticSettings = AutomaticSettingsBody.required();
export type AutomaticSettings = z.infer<typeof AutomaticSettings>;

// ---- what a workspace has until its owner changes it
/** Manual: nothing is assigned automatically until the owner picks a mode. */
export const DEFAULT_ROUTING: RoutingSettings = RoutingSettings.parse({ mode: 'manual', rules: [] });
/** Both off until the owner turns them on; the texts are there to edit. */
export const DEFAULT_AUTOMATIC: AutomaticSettings = {
  greeting: { enabled: false, text: 'Hello! Thanks for writing to us. Someone from the team will answer you shortly.' },
  away: { enabled: false, text: 'Thanks for your message! We are closed right now; we will answer as soon as we open.' },
  menu: {
    enabled: false,
    text: 'Hello {{name}}! What can we help you with? Reply with a number:',
    options: [
      { label: 'Sales', skill: 'sales' },
      { label: 'Support', skill: 'support' },
    ],
  },
  satisfaction: { enabled: false, text: 'How did we do? Reply with a number from 1 (bad) to 5 (very good).' },
};

/** Stored or sent settings with the defaults for what they leave out (settings saved before the menu existed). */
export const withAutomaticDefaults = (body: AutomaticSettingsBody): AutomaticSettings => ({
  ...body,
  menu: body.menu ?? { ...DEFAULT_AUTOMATIC.menu, enabled: false },
  satisfaction: body.satisfaction ?? { ...DEFAULT_AUTOMATIC.satisfaction, enabled: false },
});
/** A first reply within 15 minutes of the wall clock: the "late" mark Baton always had. */
export const DEFAULT_SLA: SlaSettings = SlaBody.parse({ policies: [{ firstResponseMinutes: 15, businessHours: false }] });
