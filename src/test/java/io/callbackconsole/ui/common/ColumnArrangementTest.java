package io.callbackconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.ui.ColumnChoices.SavedColumn;
import io.callbackconsole.ui.ColumnChoices.SavedColumns;
import io.callbackconsole.ui.common.ColumnArrangement.DefaultColumn;
import io.callbackconsole.ui.common.ColumnArrangement.PlacedColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How saved columns meet this version's: order, visibility and widths kept, the rest falls back to the default. */
class ColumnArrangementTest {
    /** Token is fixed first; Queue is hidden by default. */
    static final List<DefaultColumn> DEFAULTS = List.of(
            new DefaultColumn("Token", true, 10, 5000, true),
            new DefaultColumn("Pipeline", true, 10, 5000, false),
            new DefaultColumn("Step", true, 10, 5000, false),
            new DefaultColumn("Status", true, 40, 600, false),
            new DefaultColumn("Queue", false, 10, 5000, false));

    static SavedColumn shown(String id, double width) {
        return new SavedColumn(id, true, width);
    }

    static List<String> ids(ColumnArrangement.Result result) {
        return result.columns().stream().map(PlacedColumn::id).toList();
    }

    @Test
    void theSavedOrderVisibilityAndWidthsAreKept() {
        var result = ColumnArrangement.arrange(DEFAULTS, new SavedColumns(List.of(shown("Token", 110),
                shown("Queue", 200), shown("Status", 180), new SavedColumn("Pipeline", false, 150.0),
                shown("Step", 90)), true)).orElseThrow();

        assertThat(result.columns()).containsExactly(new PlacedColumn("Token", true, 110.0),
                new PlacedColumn("Queue", true, 200.0), new PlacedColumn("Status", true, 180.0),
                new PlacedColumn("Pipeline", false, 150.0), new PlacedColumn("Step", true, 90.0));
        assertThat(result.unknownIds()).isEmpty();
        assertThat(result.visibilityKept()).isFalse();
    }

    @Test
    void unknownIdsAreIgnoredAndMissingColumnsKeepTheirDefaultPlaceAndVisibility() {
        var result = ColumnArrangement.arrange(DEFAULTS, new SavedColumns(List.of(shown("Status", 100),
                shown("A column of a later version", 300), shown("Pipeline", 120)), true)).orElseThrow();

        // Step follows Pipeline, as by default; Queue, last by default, comes last; Token stays first.
        assertThat(ids(result)).containsExactly("Token", "Status", "Pipeline", "Step", "Queue");
        assertThat(result.columns()).filteredOn(c -> c.id().equals("Queue"))
                .containsExactly(new PlacedColumn("Queue", false, null));
        assertThat(result.columns()).filteredOn(c -> c.id().equals("Step"))
                .containsExactly(new PlacedColumn("Step", true, null));
        assertThat(result.unknownIds()).containsExactly("A column of a later version");
    }

    @Test
    void aFixedColumnKeepsItsDefaultIndexWhereverTheFilePutsIt() {
        var result = ColumnArrangement.arrange(DEFAULTS, new SavedColumns(List.of(shown("Step", 90),
                shown("Token", 110), shown("Pipeline", 120)), true)).orElseThrow();

        assertThat(ids(result)).containsExactly("Token", "Step", "Pipeline", "Status", "Queue");
    }

    @Test
    void aWidthOutsideTheColumnsBoundsIsClamped() {
        var result = ColumnArrangement.arrange(DEFAULTS, new SavedColumns(List.of(shown("Status", 5),
                shown("Pipeline", 99_999), shown("Step", Double.NaN)), true)).orElseThrow();

        assertThat(result.columns()).contains(new PlacedColumn("Status", true, 40.0),
                new PlacedColumn("Pipeline", true, 5000.0), new PlacedColumn("Step", true, null));
    }

    @Test
    void anOlderFilesShownColumnsKeepTheDefaultOrderAndHideTheOthers() {
        var result = ColumnArrangement.arrange(DEFAULTS, SavedColumns.shownOnly(List.of("Queue", "Step", "Gone")))
                .orElseThrow();

        assertThat(result.columns()).containsExactly(new PlacedColumn("Token", true, null),
                new PlacedColumn("Pipeline", false, null), new PlacedColumn("Step", true, null),
                new PlacedColumn("Status", false, null), new PlacedColumn("Queue", true, null));
        assertThat(result.unknownIds()).containsExactly("Gone");
    }

    @Test
    void aChoiceShowingNoColumnButTheFixedOnesKeepsTheDefaultVisibility() {
        var result = ColumnArrangement.arrange(DEFAULTS, new SavedColumns(List.of(shown("Token", 110),
                new SavedColumn("Step", false, 90.0), new SavedColumn("Pipeline", false, 130.0),
                new SavedColumn("Status", false, 200.0), new SavedColumn("Queue", false, 130.0)), true)).orElseThrow();

        assertThat(result.visibilityKept()).isTrue();
        assertThat(result.columns()).filteredOn(PlacedColumn::shown).extracting(PlacedColumn::id)
                .containsExactly("Token", "Step", "Pipeline", "Status");
        assertThat(result.columns()).as("the widths and order still count")
                .startsWith(new PlacedColumn("Token", true, 110.0), new PlacedColumn("Step", true, 90.0));
    }

    @Test
    void aFileNamingNoColumnOfThisTableLeavesTheDefaults() {
        assertThat(ColumnArrangement.arrange(DEFAULTS, SavedColumns.shownOnly(List.of("Gone", "Renamed"))))
                .isEmpty();
        assertThat(ColumnArrangement.arrange(DEFAULTS, new SavedColumns(List.of(), true))).isEmpty();
    }

    @Test
    void aColumnNamedTwiceCountsOnce() {
        var result = ColumnArrangement.arrange(DEFAULTS, new SavedColumns(List.of(shown("Step", 90),
                new SavedColumn("Step", false, 300.0), shown("Pipeline", 120)), true)).orElseThrow();

        assertThat(ids(result)).containsExactly("Token", "Step", "Pipeline", "Status", "Queue");
        assertThat(result.columns().get(1)).isEqualTo(new PlacedColumn("Step", true, 90.0));
    }
}
