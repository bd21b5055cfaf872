package com.example;

import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

public class Main {
    public static void main(String[] args) {
        Tensor x = Tensor.linspace(0, 3, 4).requiresGrad_(true);
        Tensor y = x.sin().sum();
        y.backward();
        System.out.println(x.grad());                  // tensor([ 1.0000,  0.5403, -0.4161, -0.9900])
        System.out.println(Backends.current().name()); // simd
    }
}
