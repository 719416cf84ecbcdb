package io.channelmind.content.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class VariantAssignmentTests {

    @Test
    void sameRecipientGetsSameVariant() {
        List<Double> shares = List.of(0.5, 0.5);

        int first = VariantAssignment.assign("spring", "demo:c-00042", shares);

        for (int i = 0; i < 10; i++) {
            assertEquals(first, VariantAssignment.assign("spring", "demo:c-00042", shares));
        }
    }

    @Test
    void sharesAreHonoured() {
        List<Double> shares = List.of(0.2, 0.8);
        int[] counts = new int[2];

        for (int i = 0; i < 20_000; i++) {
            counts[VariantAssignment.assign("spring", "demo:c-" + i, shares)]++;
        }

        assertEquals(0.2, counts[0] / 20_000.0, 0.015);
    }

    @Test
    void campaignChangesAssignment() {
        int differ = 0;
        for (int i = 0; i < 1000; i++) {
            String key = "demo:c-" + i;
            if (VariantAssignment.assign("spring", key, List.of(0.5, 0.5)) != VariantAssignment.assign("summer", key, List.of(0.5, 0.5))) {
                differ++;
            }
        }

        assertEquals(500, differ, 100, differ + " of 1000 differ");
    }

    @Test
    void noVariantIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> VariantAssignment.assign("spring", "demo:c-1", List.of()));
    }
}
