package org.tinysim.engine.codegen;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/** An emitter whose C comes from one template under {@code ops/}, filled from a value map. */
abstract class TemplateEmitter implements KernelEmitter {

  private final Class<? extends Op> kind;
  private volatile Template template;
  private final String resource;

  TemplateEmitter(Class<? extends Op> kind, String resource) {
    this.kind = kind;
    this.resource = resource;
  }

  @Override
  public Class<? extends Op> kind() {
    return kind;
  }

  @Override
  public String emit(PreparedOp op, EmitScope scope) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("fn", scope.fn());
    fill(op, scope, values);
    return template(templateFor(op, scope)).render(values);
  }

  @Override
  public String emitPatched(PreparedOp op, EmitScope scope) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("fn", scope.fn());
    fill(op, scope, values);
    values.put("inDepth", op.op().inputs().get(0).shape().last());
    values.put("outDepth", op.op().output().shape().last());
    return Template.resource("ops/" + patchedTemplateFor(op)).render(values);
  }

  /** The patch-stage template: the op's template with a {@code _patch} suffix. */
  String patchedTemplateFor(PreparedOp op) {
    return resource.replace(".c.tpl", "_patch.c.tpl");
  }

  /** The template to use; variants (e.g. in place) override this. */
  String templateFor(PreparedOp op, EmitScope scope) {
    return resource;
  }

  abstract void fill(PreparedOp op, EmitScope scope, Map<String, Object> values);

  private Template template(String name) {
    if (name.equals(resource)) {
      Template t = template;
      if (t == null) {
        t = Template.resource("ops/" + name);
        template = t;
      }
      return t;
    }
    return Template.resource("ops/" + name);
  }

  /** Puts the per-channel requantisation arrays. */
  static void requant(Map<String, Object> values, int[] multipliers, int[] shifts) {
    values.put("channels", multipliers.length);
    values.put("multipliers", CSyntax.list(multipliers));
    values.put("shifts", CSyntax.list(shifts));
  }

  /**
   * Puts what the conv and depthwise templates share: params, shapes and tensor pointers (the bias
   * is each emitter's own: conv folds it into its start values).
   */
  static void convolution(
      Map<String, Object> values,
      OpParams.Convolution p,
      EmitScope scope,
      Tensor input,
      Tensor filter,
      Tensor output) {
    requant(values, p.outputMultiplier(), p.outputShift());
    activation(values, p.actMin(), p.actMax());
    values.put("inputOffset", p.inputOffset());
    values.put("outputOffset", p.outputOffset());
    values.put("strideH", p.strideH());
    values.put("strideW", p.strideW());
    values.put("padH", p.padH());
    values.put("padW", p.padW());
    values.put("dilationH", p.dilationH());
    values.put("dilationW", p.dilationW());
    values.put("inputDims", CSyntax.dims(input.shape()));
    values.put("filterDims", CSyntax.dims(filter.shape()));
    values.put("outputDims", CSyntax.dims(output.shape()));
    values.put("input", scope.int8(input));
    values.put("filter", scope.int8(filter));
    values.put("output", scope.int8(output));
  }

  static void activation(Map<String, Object> values, int min, int max) {
    values.put("actMin", min);
    values.put("actMax", max);
  }
}
