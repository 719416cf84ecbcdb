package io.channelmind.profile.interest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Checks the shared interest space with the real models: Chinese and English texts on the same
 * theme must land nearer each other than texts on different themes. None of the texts is an
 * anchor description. It runs in the Quarkus application, because the tokenizer's native library
 * can be loaded by one class loader per JVM only.
 */
@QuarkusTest
class InterestSpaceTest {

    /** A labelled text: its theme (an anchor label) and the text. */
    record Labelled(String theme, String text) {
    }

    static final List<Labelled> CHINESE = List.of(
            new Labelled("outdoor", "轻量防水冲锋衣，适合山地徒步"),
            new Labelled("outdoor", "双人野营帐篷带防潮垫"),
            new Labelled("kitchen", "不粘锅煎锅和木铲套装"),
            new Labelled("kitchen", "陶瓷咖啡杯四件套"),
            new Labelled("electronics", "无线蓝牙降噪耳机"),
            new Labelled("electronics", "十四英寸轻薄笔记本电脑"),
            new Labelled("finance", "低利率个人消费贷款"),
            new Labelled("beauty", "保湿精华液和面霜"),
            new Labelled("toys", "儿童益智拼装积木玩具"),
            new Labelled("party", "圣诞树彩灯和挂饰"));

    static final List<Labelled> ENGLISH = List.of(
            new Labelled("outdoor", "Waterproof hiking jacket for mountain trails"),
            new Labelled("outdoor", "Two person camping tent with sleeping mat"),
            new Labelled("kitchen", "Non-stick frying pan with wooden spatula"),
            new Labelled("kitchen", "Set of four ceramic coffee mugs"),
            new Labelled("electronics", "Wireless bluetooth noise cancelling headphones"),
            new Labelled("electronics", "Thin and light 14 inch laptop"),
            new Labelled("finance", "Low interest personal loan"),
            new Labelled("beauty", "Moisturising serum and face cream"),
            new Labelled("toys", "Building blocks construction toy for kids"),
            new Labelled("party", "Christmas tree lights and hanging ornaments"));

    @Inject
    InterestEncoder encoder;

    @Test
    void languageFollowsHanShare() {
        assertEquals(TextLanguage.CHINESE, TextLanguage.detect("双人野营帐篷"));
        assertEquals(TextLanguage.CHINESE, TextLanguage.detect("Nike 跑步鞋男款"));
        assertEquals(TextLanguage.ENGLISH, TextLanguage.detect("LUNCH BAG RED RETROSPOT"));
        assertEquals(TextLanguage.ENGLISH, TextLanguage.detect("Gift set from 上海 for the holidays"));
        assertEquals(TextLanguage.ENGLISH, TextLanguage.detect("12345"));
    }

    @Test
    void encodingIsDistribution() {
        List<double[]> encoded = encoder.space().encode(List.of("双人野营帐篷", "camping tent"));
        for (double[] distribution : encoded) {
            assertEquals(AnchorSet.builtIn().anchors().size(), distribution.length);
            double sum = 0;
            for (double value : distribution) {
                assertTrue(value >= 0, "every share is non-negative");
                sum += value;
            }
            assertEquals(1.0, sum, 1e-9);
        }
    }

    @Test
    void sameThemeNearerAcrossLanguages() {
        List<double[]> chinese = encode(CHINESE);
        List<double[]> english = encode(ENGLISH);

        List<String> failures = new ArrayList<>();
        double sameSum = 0;
        int sameCount = 0;
        double otherSum = 0;
        int otherCount = 0;
        for (int i = 0; i < CHINESE.size(); i++) {
            double nearestSame = Double.NEGATIVE_INFINITY;
            double nearestOther = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < ENGLISH.size(); j++) {
                double similarity = InterestVector.cosine(chinese.get(i), english.get(j));
                if (CHINESE.get(i).theme().equals(ENGLISH.get(j).theme())) {
                    nearestSame = Math.max(nearestSame, similarity);
                    sameSum += similarity;
                    sameCount++;
                } else {
                    nearestOther = Math.max(nearestOther, similarity);
                    otherSum += similarity;
                    otherCount++;
                }
            }
            if (nearestSame <= nearestOther) {
                failures.add(CHINESE.get(i).text() + " (same theme " + nearestSame + ", other " + nearestOther + ")");
            }
        }
        double meanSame = sameSum / sameCount;
        double meanOther = otherSum / otherCount;
        System.out.printf("Cross-language cosine: same theme %.3f, different themes %.3f%n", meanSame, meanOther);

        assertTrue(failures.isEmpty(), "Chinese texts nearer an English text of another theme: " + failures);
        assertTrue(meanSame > meanOther + 0.3,
                "mean same-theme cosine " + meanSame + " must exceed the different-theme mean " + meanOther + " by 0.3");
    }

    @Test
    void topLabelIsTheme() {
        List<Labelled> all = new ArrayList<>(CHINESE);
        all.addAll(ENGLISH);
        List<double[]> encoded = encode(all);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String top = AnchorSet.builtIn().labels().get(argmax(encoded.get(i)));
            if (!top.equals(all.get(i).theme())) {
                wrong.add(all.get(i).text() + " -> " + top);
            }
        }
        // A labelled set of 20 texts, so allow two misses rather than tune the anchors to it.
        assertTrue(wrong.size() <= 2, "texts whose top label is not their theme: " + wrong);
    }

    private List<double[]> encode(List<Labelled> texts) {
        return encoder.space().encode(texts.stream().map(Labelled::text).toList());
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
