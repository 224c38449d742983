/// Well-known update rules written as programs.
public enum StandardOptimizers {
    /// AdamW without bias correction or epsilon, the reference's starting point (b1 0.9, b2 0.999, weight
    /// decay 0.01, learning rate scaled by 0.001).
    public static let adamw = """
        def train(w, g, m, v, lr):
            g2 = square(g)
            m = interp(g, m, 0.9)
            v = interp(g2, v, 0.999)
            sqrt_v = sqrt(v)
            update = m / sqrt_v
            wd = w * 0.01
            update = update + wd
            lr = lr * 0.001
            update = update * lr
            return update, m, v
        """

    /// Lion (b1 0.9, b2 0.99, weight decay 0.01): the sign of an interpolation of g and m; m another interpolation.
    public static let lion = """
        def train(w, g, m, v, lr):
            c = interp(g, m, 0.9)
            s = sign(c)
            wd = w * 0.01
            update = s + wd
            update = update * lr
            m = interp(g, m, 0.99)
            return update, m, v
        """

    /// SGD with momentum 0.9.
    public static let momentum = """
        def train(w, g, m, v, lr):
            m = m * 0.9
            m = m + g
            update = m * lr
            return update, m, v
        """
}
