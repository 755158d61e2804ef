"""The Inside tab: the network's structure, activations, learned weights and saliency."""
