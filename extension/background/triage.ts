// What a device reads in a new chat's first message for routing (issue #8): the language and the
// routing rules whose keyword and language conditions hold. The text arrives from the content
// script with the inbound signal and stops here; only this outcome goes to the coordinator.
import type { QuestionView } from '../../shared/api';
import { ANSWER_CLOCK_SLACK_MS } from '../../shared/domain/automatic';
import { textMatches } from '../../shared/domain/rules';
import type { RoutingRuleView, TriageBody } from '../../shared/settings';
import { detectLanguage } from './language';

export function triage(text: string, rules: readonly RoutingRuleView[]): TriageBody {
  const language = detectLanguage(text);
  return { ruleIds: textMatches(rules, text, language), language };
}

/**
 * The number a preview consisted of (`number`, read from its text), as the answer to the
 * question the conversation asks, or undefined: only while a question is asked, only in its
 * range, and not for a row seen before it was asked. Otherwise even a bare "3" stays here.
 */
export function answerFor(question: QuestionView | null | undefined, number: number | undefined, seenAt: number): number | undefined {
  if (!question || number === undefined || number > question.options) return undefined;
  if (question.kind === 'menu' && question.answer !== null) return undefined;
  return seenAt >= Date.parse(question.askedAt) - ANSWER_CLOCK_SLACK_MS ? number : undefined;
}
