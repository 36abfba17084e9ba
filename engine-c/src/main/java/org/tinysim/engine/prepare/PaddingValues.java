package org.tinysim.engine.prepare;

/**
 * Padding as TFLite's ComputePaddingHeightWidth returns it: the top/left pad, and the extra
 * bottom/right pad (offset, 0 or 1) when the total padding is odd. Also the output extent.
 */
public record PaddingValues(
    int height, int width, int heightOffset, int widthOffset, int outHeight, int outWidth) {}
