// What a device reads in a new chat's first message for routing (issue #8): the language and the
// routing rules whose keyword and language conditions hold. The text arrives from the content
// script with the inbound signal and stops here; only this outcome goes to the coordinator.
import { textMatches } from '../../shared/domain/rules';
import type { RoutingRuleView, TriageBody } from '../../shared/settings';
import { detectLanguage } from './language';

export function triage(text: string, rules: readonly RoutingRuleView[]): TriageBody {
  const language = detectLanguage(text);
  return { ruleIds: textMatches(rules, text, language), language };
}
