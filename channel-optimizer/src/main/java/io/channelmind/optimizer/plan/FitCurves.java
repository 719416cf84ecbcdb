package io.channelmind.optimizer.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.channelmind.optimizer.allocation.AllocationRequest;
import io.channelmind.optimizer.allocation.ChannelBudget;
import io.channelmind.optimizer.allocation.InvalidAllocationException;
import io.channelmind.optimizer.allocation.InvalidAllocationException.FieldError;
import io.channelmind.optimizer.curves.CurveFit;

/** Fills the curves of an allocation request from a stored curve fit. */
final class FitCurves {

    private FitCurves() {
    }

    /**
     * Returns the request with each channel that has no curve given the fit's response curve of the
     * same name, and the fit's lowest and highest spend per period as its history range where the
     * request gives none. A curve sent inline wins over the fit's. A channel without a curve that
     * the fit does not contain raises an {@link InvalidAllocationException}, because planning it
     * at its lower bound would hide a typo in its name.
     */
    static AllocationRequest apply(AllocationRequest request, CurveFit fit) {
        Map<String, CurveFit.ChannelCurve> byName = fit.channels().stream()
                .collect(Collectors.toMap(CurveFit.ChannelCurve::channel, Function.identity()));
        List<ChannelBudget> channels = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.channels().size(); i++) {
            ChannelBudget channel = request.channels().get(i);
            if (channel == null || channel.curve() != null) {
                channels.add(channel);
                continue;
            }
            CurveFit.ChannelCurve fitted = byName.get(channel.channel());
            if (fitted == null) {
                errors.add(new FieldError("channels[" + i + "].channel", channel.channel(),
                        "Use a channel of curve fit " + fit.id() + " " + byName.keySet()
                                + ", or send the channel's curve inline"));
                continue;
            }
            channels.add(new ChannelBudget(channel.channel(), channel.currentSpend(), fitted.responseCurve(),
                    channel.historyMinSpend() == null ? fitted.minSpend() : channel.historyMinSpend(),
                    channel.historyMaxSpend() == null ? fitted.maxSpend() : channel.historyMaxSpend(),
                    channel.minSpend(), channel.maxSpend(), channel.minRatio(), channel.maxRatio(), channel.locked()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidAllocationException(errors);
        }
        return new AllocationRequest(request.totalBudget(), channels, request.goal(), request.target(),
                request.fitId());
    }
}
