package io.channelmind.profile.interest;

/**
 * The language of a text, which picks the embedding model. A text is Chinese when at least
 * {@link #CHINESE_SHARE} of its letters are Han characters, and English otherwise, so a mostly
 * English product name with one Chinese brand word stays English, and a text without letters is
 * English too.
 */
public enum TextLanguage {
    CHINESE,
    ENGLISH;

    /** Minimum share of Han characters among the letters of a Chinese text. */
    static final double CHINESE_SHARE = 0.3;

    /** Detects the language of {@code text} from the share of Han code points among its letters. */
    public static TextLanguage detect(String text) {
        int letters = 0;
        int han = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (Character.isLetter(codePoint)) {
                letters++;
                if (Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN) {
                    han++;
                }
            }
            i += Character.charCount(codePoint);
        }
        return letters > 0 && han >= CHINESE_SHARE * letters ? CHINESE : ENGLISH;
    }
}
