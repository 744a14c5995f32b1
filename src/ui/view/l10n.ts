// The view's door to the translator: the seam itself lives in core/l10n.ts so the core's error messages use it too.
export { currentDisplayLanguage, currentTranslator, fillPlaceholders, t, useDisplayLanguage, useTranslator, type MessageArgument, type Translator } from '../../core/l10n';
